import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { spawnOrgql } from '../support/orgql-process';
import { createTestDatabase, databaseEnv, type TestDatabase } from '../support/test-database';
import { mirrorSettled } from '../support/gateway-harness';
import { startReplica } from './support';
import { itOnPostgres } from '../support/on-postgres';

async function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawnOrgql(args, env);
  const code = await child.exited;
  return { code, output: child.output() };
}

describe('orgql mirror status|sync while the gateway runs', () => {
  let emulator: RunningEmulator;
  let db: TestDatabase;
  let gateway: Awaited<ReturnType<typeof startReplica>>;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 'demo' });
    db = await createTestDatabase();
    gateway = await startReplica(db, { ORGQL_ORGANIZATIONS_ENDPOINT: emulator.url });
    await mirrorSettled(gateway.gateway);
  });
  afterAll(async () => {
    await gateway.close();
    await db.drop();
    await emulator.close();
  });

  it('asks the running gateway over HTTP with an admin key', async () => {
    const env = { ...databaseEnv(db), ORGQL_URL: gateway.gateway.url, ORGQL_API_KEY: gateway.adminKey };
    const status = await run(['mirror', 'status', '--json'], env);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.output)).toMatchObject({ state: 'READY', version: gateway.gateway.mirror.status().version, leader: true });
    const before = gateway.gateway.mirror.status().syncedAt!;
    const sync = await run(['mirror', 'sync', '--json'], env);
    expect(sync.code).toBe(0);
    expect(new Date(JSON.parse(sync.output).syncedAt).getTime()).toBeGreaterThan(before.getTime());
  });

  it('refuses without an API key, saying which variable to set', async () => {
    const result = await run(['mirror', 'status'], { ...databaseEnv(db), ORGQL_URL: gateway.gateway.url });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/ORGQL_API_KEY/);
  });

  itOnPostgres('reads the state row and asks the leader for a sync through PostgreSQL when no URL is given', async () => {
    const status = await run(['mirror', 'status', '--json'], databaseEnv(db));
    expect(status.code).toBe(0);
    expect(JSON.parse(status.output)).toMatchObject({ state: 'READY', leaderRunning: true, version: expect.any(Number) });
    const before = gateway.gateway.mirror.status().syncedAt!;
    const sync = await run(['mirror', 'sync'], databaseEnv(db));
    expect(sync.code).toBe(0);
    expect(sync.output).toMatch(/state\s+READY/);
    expect(gateway.gateway.mirror.status().syncedAt!.getTime()).toBeGreaterThan(before.getTime());
  });
});
