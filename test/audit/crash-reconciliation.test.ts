import { CreatePolicyCommand, ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { openDatabase } from '../../src/database/database';
import { runOrgql, spawnOrgql, type OrgqlProcess, printedAdminKey } from '../support/orgql-process';
import { AVAILABLE_DATABASE_KINDS, createTestDatabase, databaseEnv, type TestDatabase } from '../support/test-database';
import { startUpstreamProxy, type UpstreamProxy } from '../support/upstream-proxy';

// Needs the built CLI (npm run build). A real crash: the gateway process is SIGKILLed after the
// emulator has applied (or refused) its call, which a proxy holds on the way back, so the gateway
// can never have written a result. The kill waits for the emulator's own count of the call
// (GET /_emulator/stats), not for a delay: on a busy machine a delay can come too early.
const OPT_OUT = JSON.stringify({ services: { default: { opt_out_policy: { '@@assign': 'optOut' } } } });

// On both databases: PostgreSQL flushes the WAL with its own writer, the embedded PGlite has none,
// so an intent is on disk there only if orgql flushed it (src/audit/flush-wal.ts).
describe.each(AVAILABLE_DATABASE_KINDS)('a gateway killed mid-mutation (%s)', (kind) => {
  let db: TestDatabase;
  let emulator: OrgqlProcess;
  let emulatorUrl: string;
  let proxy: UpstreamProxy;
  let sdk: OrganizationsClient;
  const running: OrgqlProcess[] = [];
  /** Printed by the first gateway on the fresh database; later ones use it. */
  let adminKey: string | undefined;

  beforeAll(async () => {
    db = await createTestDatabase({ kind });
    emulator = spawnOrgql(['emulator', '--port', '0', '--seed', 'demo']);
    emulatorUrl = (await emulator.waitForLog((l) => typeof l.url === 'string')).url;
    proxy = await startUpstreamProxy(emulatorUrl);
    sdk = new OrganizationsClient({ endpoint: emulatorUrl, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  });
  afterAll(async () => {
    for (const proc of running) if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
    await proxy.close();
    await emulator.stop();
    await db.drop();
  });

  const serve = (extra: Record<string, string>) => {
    const proc = spawnOrgql(['serve', '--port', '0'], {
      ...databaseEnv(db),
      ORGQL_ORGANIZATIONS_ENDPOINT: proxy.url,
      ORGQL_UPSTREAM_MAX_ATTEMPTS: '1',
      ...extra,
    });
    running.push(proc);
    return proc;
  };
  const emulatorCalls = async (operation: string): Promise<number> =>
    ((await (await fetch(`${emulatorUrl}/_emulator/stats`)).json()) as { calls: Record<string, number> }).calls[operation] ?? 0;
  async function untilEmulatorCalls(operation: string, count: number): Promise<void> {
    const deadline = Date.now() + 30_000;
    while ((await emulatorCalls(operation)) < count) {
      if (Date.now() > deadline) throw new Error(`the emulator never received ${operation}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Sends `mutation` through a fresh gateway and kills it once the emulator has handled `operation`. */
  async function crashDuring(operation: string, mutation: string, variables: Record<string, unknown> = {}): Promise<void> {
    const callsBefore = await emulatorCalls(operation);
    proxy.once(operation, 'hold');
    const first = serve({ ORGQL_AUDIT_RECONCILE_INTERVAL_MS: '0' });
    const ready = await first.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('orgql is ready'));
    adminKey ??= await printedAdminKey(first);
    const answer = fetch(ready.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
      body: JSON.stringify({ query: mutation, variables }),
    }).catch((error: unknown) => error);
    await untilEmulatorCalls(operation, callsBefore + 1);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    expect(String(await answer)).toMatch(/fetch failed/); // the caller never got an answer
  }

  async function reconcileAfterRestart(operation: string): Promise<Record<string, any>> {
    const second = serve({ ORGQL_AUDIT_RECONCILE_GRACE_MS: '0' });
    const reconciled = await second.waitForLog((l) => l.msg === 'dangling audit intent reconciled' && l.operation === operation, 60_000);
    await second.waitForLog((l) => l.msg === 'audit reconciliation finished');
    expect(await second.stop()).toBe(0);
    return reconciled;
  }

  it('leaves a dangling intent that the restarted gateway resolves against upstream', async () => {
    const rootId = (await sdk.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    await crashDuring('EnablePolicyType', `mutation { enablePolicyType(rootId: "${rootId}", type: TAG_POLICY) { auditEventId } }`);
    expect(await reconcileAfterRestart('enablePolicyType')).toMatchObject({ outcome: 'SUCCEEDED' });

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

  it('settles a crashed createPolicy whose name was already taken as FAILED, not as the existing policy', async () => {
    await sdk.send(new CreatePolicyCommand({ Name: 'Taken', Description: 'first', Type: 'AISERVICES_OPT_OUT_POLICY', Content: OPT_OUT }));
    await crashDuring(
      'CreatePolicy',
      `mutation($content: JSON!) { createPolicy(input: { name: "Taken", type: AISERVICES_OPT_OUT_POLICY, content: $content }) { auditEventId } }`,
      {
        content: OPT_OUT,
      },
    );
    expect(await reconcileAfterRestart('createPolicy')).toMatchObject({
      outcome: 'FAILED',
      reason: expect.stringContaining('already existed before the call'),
    });
  }, 90_000);
});
