import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeOrganizationCommand, ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { openDatabase } from '../../src/database/database';
import { printedAdminKey, runOrgql, spawnOrgql } from '../support/orgql-process';
import { createTestDatabase, databaseEnv, type TestDatabase } from '../support/test-database';

describe('the orgql command', () => {
  it('lists its commands in --help', async () => {
    const { code, output } = await runOrgql(['--help']);
    expect(code).toBe(0);
    for (const command of ['serve', 'emulator', 'migrate']) expect(output).toContain(command);
  });

  it.each([
    ['serve', '--port'],
    ['emulator', '--seed'],
    ['migrate', 'migrations'],
  ])('documents `orgql %s` in its own help', async (command, expected) => {
    const { code, output } = await runOrgql([command, '--help']);
    expect(code).toBe(0);
    expect(output).toContain(expected);
  });

  it('stops with exit code 2 and names the variable when configuration is bad', async () => {
    const { code, output } = await runOrgql(['serve'], { ORGQL_PORT: 'http' });
    expect(code).toBe(2);
    expect(output).toMatch(/ORGQL_PORT: must be an integer/);
  });

  it('stops with exit code 2 on an unknown command', async () => {
    const { code, output } = await runOrgql(['deploy']);
    expect(code).toBe(2);
    expect(output).toMatch(/unknown command 'deploy'/);
  });
});

describe('orgql serve and orgql migrate, as child processes', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('migrates an empty database, then reports nothing left to apply', async () => {
    const first = await runOrgql(['migrate'], databaseEnv(db));
    expect(first.code).toBe(0);
    expect(first.output).toMatch(/^applied {2}\d{14}_audit_event$/m);
    const second = await runOrgql(['migrate'], databaseEnv(db));
    expect(second.code).toBe(0);
    expect(second.output).toMatch(/^0 applied, \d+ already applied$/m);
  });

  it('serves GraphQL on a free port, keeps its data across restarts and exits cleanly on SIGTERM', async () => {
    const first = spawnOrgql(['serve', '--port', '0'], databaseEnv(db));
    const ready = await first.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('orgql is ready'));
    const graphqlUrl: string = ready.graphql;
    expect(graphqlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);

    const key = await printedAdminKey(first);
    const post = (query: string) =>
      fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query }),
      }).then((r) => r.json() as Promise<any>);
    const org = await post('{ organization { id roots { id } } }');
    const rootId: string = org.data.organization.roots[0].id;
    const enabled = await post(`mutation { enablePolicyType(rootId: "${rootId}", type: BACKUP_POLICY) { auditEventId } }`);
    const auditEventId: string = enabled.data.enablePolicyType.auditEventId;
    expect(first.output()).toContain(`"reqId"`);
    expect(await first.stop()).toBe(0);

    const second = spawnOrgql(['serve', '--port', '0'], databaseEnv(db));
    const migrated = await second.waitForLog((l) => l.msg === 'database migrations checked');
    expect(migrated.applied).toEqual([]);
    await second.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('orgql is ready'));
    expect(await second.stop()).toBe(0);

    const database = await openDatabase(db.target);
    try {
      const rows = await database.prisma.auditEvent.findMany({ where: { OR: [{ id: auditEventId }, { intentId: auditEventId }] } });
      expect(rows.map((r) => r.outcome).sort()).toEqual(['PENDING', 'SUCCEEDED']);
    } finally {
      await database.close();
    }
  });
});

describe('orgql emulator, as a child process', () => {
  it('holds a fresh organization without --seed: one root, the management account, no policy types', async () => {
    const proc = spawnOrgql(['emulator', '--port', '0']);
    try {
      const line = await proc.waitForLog((l) => typeof l.url === 'string');
      const client = new OrganizationsClient({
        endpoint: line.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
        maxAttempts: 1,
      });
      const { Roots } = await client.send(new ListRootsCommand({}));
      expect(Roots).toHaveLength(1);
      expect(Roots![0]!.PolicyTypes).toEqual([]);
      const { Organization } = await client.send(new DescribeOrganizationCommand({}));
      expect(Organization!.MasterAccountId).toMatch(/^\d{12}$/);
      expect(Organization!.FeatureSet).toBe('ALL');
    } finally {
      expect(await proc.stop()).toBe(0);
    }
  });

  it('loads the demo organization with --seed demo', async () => {
    const proc = spawnOrgql(['emulator', '--port', '0', '--seed', 'demo']);
    try {
      const line = await proc.waitForLog((l) => typeof l.url === 'string');
      const client = new OrganizationsClient({
        endpoint: line.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
        maxAttempts: 1,
      });
      const { Roots } = await client.send(new ListRootsCommand({}));
      expect(Roots![0]!.PolicyTypes).toContainEqual({ Type: 'AISERVICES_OPT_OUT_POLICY', Status: 'ENABLED' });
    } finally {
      await proc.stop();
    }
  });

  it('refuses a seed file that does not exist, naming it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'orgql-seed-'));
    try {
      const { code, output } = await runOrgql(['emulator', '--port', '0', '--seed', path.join(dir, 'missing.json')]);
      expect(code).not.toBe(0);
      expect(output).toContain('missing.json');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
