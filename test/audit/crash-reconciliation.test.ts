import { ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { openDatabase } from '../../src/database/database';
import { runOrgql, spawnOrgql, type OrgqlProcess, printedAdminKey } from '../support/orgql-process';
import { createTestDatabase, databaseEnv, type TestDatabase } from '../support/test-database';

// Needs the built CLI (npm run build). A real crash: the gateway process is SIGKILLed while its
// upstream call is held up by the emulator's latency, after the intent was committed.
const LATENCY_MS = 2500;


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a gateway killed mid-mutation', () => {
  let db: TestDatabase;
  let emulator: OrgqlProcess;
  let emulatorUrl: string;
  const running: OrgqlProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    emulator = spawnOrgql(['emulator', '--port', '0', '--seed', 'demo', '--latency-ms', String(LATENCY_MS)]);
    emulatorUrl = (await emulator.waitForLog((l) => typeof l.url === 'string')).url;
  });
  afterAll(async () => {
    for (const proc of running) if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
    await emulator.stop();
    await db.drop();
  });

  const serve = (extra: Record<string, string>) => {
    const proc = spawnOrgql(['serve', '--port', '0'], { ...databaseEnv(db), ORGQL_ORGANIZATIONS_ENDPOINT: emulatorUrl, ORGQL_UPSTREAM_MAX_ATTEMPTS: '1', ...extra });
    running.push(proc);
    return proc;
  };

  it('leaves a dangling intent that the restarted gateway resolves against upstream', async () => {
    const sdk = new OrganizationsClient({ endpoint: emulatorUrl, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const rootId = (await sdk.send(new ListRootsCommand({}))).Roots![0]!.Id!;

    const first = serve({ ORGQL_AUDIT_RECONCILE_INTERVAL_MS: '0', LOG_LEVEL: 'debug' });
    const ready = await first.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('orgql is ready'));
    const key = await printedAdminKey(first);
    const mutation = fetch(ready.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: `mutation { enablePolicyType(rootId: "${rootId}", type: TAG_POLICY) { auditEventId } }` }),
    }).catch((error: unknown) => error);
    // Killed once the intent is committed, while the upstream call waits LATENCY_MS.
    await first.waitForLog((l) => l.msg === 'audit intent recorded; calling upstream');
    await sleep(200);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    expect(String(await mutation)).toMatch(/fetch failed/); // the caller never got an answer
    await sleep(LATENCY_MS); // the emulator completes the change the dead gateway asked for

    const second = serve({ ORGQL_AUDIT_RECONCILE_GRACE_MS: '0' });
    const reconciled = await second.waitForLog((l) => l.msg === 'dangling audit intent reconciled', 60_000);
    expect(reconciled).toMatchObject({ operation: 'enablePolicyType', outcome: 'SUCCEEDED' });
    await second.waitForLog((l) => l.msg === 'audit reconciliation finished');
    expect(await second.stop()).toBe(0);

    const database = await openDatabase(db.target);
    try {
      const rows = await database.prisma.auditEvent.findMany({ orderBy: { sequence: 'asc' } });
      expect(rows.map((r) => [r.kind, r.outcome])).toEqual([
        ['INTENT', 'PENDING'],
        ['RESULT', 'SUCCEEDED'],
      ]);
      expect(rows[1]).toMatchObject({ intentId: rows[0]!.id, reconciliation: expect.stringContaining(`TAG_POLICY is enabled on ${rootId}`) });
    } finally {
      await database.close();
    }
    const verify = await runOrgql(['audit', 'verify'], databaseEnv(db));
    expect(verify.output).toMatch(/^OK: 2 rows verified/m);
    expect(verify.code).toBe(0);
  }, 90_000);
});
