import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { PrismaApiKeyStore } from '../../src/auth/prisma-api-key-store';
import { parseConfig } from '../../src/server/config';
import { startGateway, type RunningGateway } from '../../src/server/gateway';
import { startTestGateway, type TestGateway } from '../support/gateway-harness';
import { describeOnPostgres } from '../support/on-postgres';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { actorIdOfKey, bearer, codesOf, post } from './support';

const CREATE = `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { auditEventId } }`;
const tableBytes = async (t: TestGateway) =>
  Number((await t.gateway.database.prisma.$queryRawUnsafe<Array<{ bytes: bigint }>>(`SELECT pg_total_relation_size('audit_event') AS bytes`))[0]!.bytes);

describe('a flood of refused mutation attempts', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  it('records 200 viewer attempts with 100 KB arguments in less than 1 MB of audit table', async () => {
    const viewer = await t.keyFor('viewer', 'flooding-viewer');
    const huge = 'x'.repeat(100 * 1024);
    const before = await tableBytes(t);
    const codes = new Map<string, number>();
    for (let n = 0; n < 200; n += 1) {
      const answer = await post(t.gateway.graphqlUrl, bearer(viewer), CREATE, { input: { name: `flood-${n}`, type: 'SERVICE_CONTROL_POLICY', content: huge } });
      const code = codesOf(answer)[0] ?? 'none';
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    // Refused attempts count against the viewer's limit (burst 30): most are RATE_LIMITED.
    expect(codes.get('FORBIDDEN')).toBeGreaterThanOrEqual(30);
    expect(codes.get('RATE_LIMITED')).toBeGreaterThan(100);
    expect([...codes.keys()].sort()).toEqual(['FORBIDDEN', 'RATE_LIMITED']);

    const grown = (await tableBytes(t)) - before;
    console.log(`200 refused attempts with 100 KB arguments grew audit_event by ${grown} bytes`);
    expect(grown).toBeLessThan(1024 * 1024);

    const rows = await t.gateway.database.prisma.auditEvent.findMany({ where: { actorId: actorIdOfKey(viewer) } });
    expect(rows).toHaveLength(400); // every attempt is on record: intent and result
    const recorded = rows[0]!.arguments as { input: { name: string; content: { sha256: string; size: number } } };
    expect(recorded.input.name).toMatch(/^flood-/);
    expect(recorded.input.content).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: huge.length + 2 });
  }, 120_000);

  it('records a document the engine refuses (never sent) compactly too', async () => {
    const huge = JSON.stringify({ services: { default: { opt_out_policy: { '@@assign': 'optOut' } } }, padding: 'x'.repeat(100 * 1024) });
    const { body } = await t.graphql(CREATE, { input: { name: 'too-big', type: 'AISERVICES_OPT_OUT_POLICY', content: huge } });
    expect(body.errors![0]!.extensions!.code).toBe('POLICY_MALFORMED');
    const intent = await t.gateway.database.prisma.auditEvent.findFirstOrThrow({
      where: { kind: 'INTENT', operation: 'createPolicy' },
      orderBy: { sequence: 'desc' },
    });
    expect(intent.arguments as { name: string; content: unknown }).toMatchObject({
      name: 'too-big',
      content: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: expect.any(Number) },
    });
  });
});

describeOnPostgres('the mutation rate limit across replicas', () => {
  let db: TestDatabase;
  const gateways: RunningGateway[] = [];
  const dataDirs: string[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    // Two replicas: one database, one upstream (the first one's embedded emulator), own data dirs.
    for (let n = 0; n < 2; n += 1) {
      const upstream: Record<string, string> = gateways[0] ? { ORGQL_ORGANIZATIONS_ENDPOINT: gateways[0].emulatorUrl! } : {};
      const env = {
        LOG_LEVEL: 'silent',
        ORGQL_EMULATOR_PORT: '0',
        ORGQL_DATA_DIR: dataDirs[dataDirs.push(mkdtempSync(path.join(tmpdir(), 'orgql-replica-'))) - 1]!,
        ORGQL_MUTATION_RATE_PER_MINUTE: '1',
        ORGQL_MUTATION_BURST: '5',
        ...upstream,
      };
      gateways.push(await startGateway({ ...parseConfig({ env, flags: { port: '0' } }), database: db.target }, pino({ level: 'silent' })));
    }
  });
  afterAll(async () => {
    for (const gateway of gateways.reverse()) await gateway.close();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  it('lets two gateways on one database allow the configured burst together, not twice it', async () => {
    const { key } = await new PrismaApiKeyStore(gateways[0]!.database.prisma, 'test').create('replicated-editor', 'editor');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        post(
          gateways[n % 2]!.graphqlUrl,
          bearer(key),
          `mutation { tagResource(resourceId: "444444444444", tags: [{ key: "n", value: "${n}" }]) { auditEventId } }`,
        ),
      ),
    );
    const allowed = answers.filter((a) => codesOf(a).length === 0).length;
    expect(answers.filter((a) => codesOf(a)[0] === 'RATE_LIMITED')).toHaveLength(12 - allowed);
    expect(allowed).toBe(5);
  });
});
