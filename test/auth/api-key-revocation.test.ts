import { PrismaApiKeyStore } from '../../src/auth/prisma-api-key-store';
import { openDatabase } from '../../src/database/database';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { mirrorSettled } from '../support/gateway-harness';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { eventually, startReplica, type Replica } from '../mirror/support';
import { describeOnPostgres } from '../support/on-postgres';

const CREATE = `mutation($name: String!) { createApiKey(name: $name, role: VIEWER) { secret } }`;
const REVOKE = `mutation($name: String!) { revokeApiKey(name: $name) { apiKey { active } } }`;
const WHO = `{ organization { id } }`;

/**
 * Verified keys are cached for seconds per replica (so a warm request costs no database round
 * trip), yet a revocation holds at once on the replica that made it and within 1 s on the others
 * (PostgreSQL NOTIFY on orgql_api_keys), whether made through GraphQL or by the CLI's key store.
 */
describeOnPostgres('revoking an API key that replicas have cached', () => {
  let emulator: RunningEmulator;
  let db: TestDatabase;
  let a: Replica & { adminKey: string };
  let b: Replica;

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 'demo' });
    db = await createTestDatabase();
    a = await startReplica(db, { ORGQL_ORGANIZATIONS_ENDPOINT: emulator.url });
    b = await startReplica(db, { ORGQL_ORGANIZATIONS_ENDPOINT: emulator.url }, a.adminKey);
    // Not closed in the middle of a first sync.
    await mirrorSettled(a.gateway);
    await mirrorSettled(b.gateway);
  });
  afterAll(async () => {
    await b?.close().catch(() => undefined);
    await a?.close().catch(() => undefined);
    await db?.drop();
    await emulator?.close();
  });

  const as = (secret: string) => ({ authorization: `Bearer ${secret}` });
  const statusOn = async (replica: Replica, secret: string) => (await replica.graphql(WHO, undefined, as(secret))).status;

  it('refuses a key revoked through GraphQL at once on that replica and within 1 s on another', async () => {
    const created = await a.graphql(CREATE, { name: 'cached-graphql' });
    const secret = created.body.data.createApiKey.secret as string;
    // Both replicas have verified (and cached) the key.
    expect(await statusOn(a, secret)).toBe(200);
    expect(await statusOn(b, secret)).toBe(200);
    expect(await statusOn(b, secret)).toBe(200);

    const revoked = await a.graphql(REVOKE, { name: 'cached-graphql' });
    expect(revoked.body.data.revokeApiKey.apiKey.active).toBe(false);
    const revokedAt = Date.now();
    expect(await statusOn(a, secret)).toBe(401);
    await eventually(async () => ((await statusOn(b, secret)) === 401 ? true : undefined), 1000, 'replica B refuses the revoked key');
    expect(Date.now() - revokedAt).toBeLessThan(1000);
  });

  it('refuses a key revoked by the CLI (its own database connection) within 1 s on every replica', async () => {
    const created = await a.graphql(CREATE, { name: 'cached-cli' });
    const secret = created.body.data.createApiKey.secret as string;
    expect(await statusOn(a, secret)).toBe(200);
    expect(await statusOn(b, secret)).toBe(200);

    const cli = await openDatabase(db.target);
    try {
      expect(await new PrismaApiKeyStore(cli.prisma, 'cli').revoke('cached-cli')).toMatchObject({ name: 'cached-cli' });
    } finally {
      await cli.close();
    }
    const revokedAt = Date.now();
    for (const replica of [a, b]) {
      await eventually(async () => ((await statusOn(replica, secret)) === 401 ? true : undefined), 1000, 'the replica refuses the revoked key');
    }
    expect(Date.now() - revokedAt).toBeLessThan(1000);
  });

  it('refuses a key an operator revoked by hand in SQL (no orgql involved) within 1 s on every replica', async () => {
    const created = await a.graphql(CREATE, { name: 'cached-sql' });
    const secret = created.body.data.createApiKey.secret as string;
    expect(await statusOn(a, secret)).toBe(200);
    expect(await statusOn(b, secret)).toBe(200);

    const operator = await openDatabase(db.target);
    try {
      await operator.prisma.$executeRaw`UPDATE api_key SET revoked_at = now() WHERE name = 'cached-sql' AND revoked_at IS NULL`;
    } finally {
      await operator.close();
    }
    const revokedAt = Date.now();
    for (const replica of [a, b]) {
      await eventually(async () => ((await statusOn(replica, secret)) === 401 ? true : undefined), 1000, 'the replica refuses the revoked key');
    }
    expect(Date.now() - revokedAt).toBeLessThan(1000);
  });

  it('still refuses an unknown key and a wrong secret, however often they are tried', async () => {
    const created = await a.graphql(CREATE, { name: 'cached-tamper' });
    const secret = created.body.data.createApiKey.secret as string;
    const tampered = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    expect(await statusOn(a, secret)).toBe(200);
    for (let i = 0; i < 3; i++) {
      expect(await statusOn(a, tampered)).toBe(401);
      expect(await statusOn(a, `orgql_0000000000000000_${'A'.repeat(43)}`)).toBe(401);
    }
    expect(await statusOn(a, secret)).toBe(200);
  });
});
