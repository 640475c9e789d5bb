import pino from 'pino';
import { PrismaAuditRecorder } from '../../src/audit/prisma-audit-recorder';
import { PrismaIdempotencyStore } from '../../src/audit/prisma-idempotency-store';
import { Reconciler } from '../../src/audit/reconcile/reconciler';
import type { RunningEmulator } from '../../src/emulator';
import { startSeededEmulator } from '../../src/server/seeded-emulator';
import { createOrganizationsClient } from '../../src/upstream/client-factory';
import { createSdkOrganizations } from '../../src/upstream/sdk-organizations';
import { startTestGateway, type TestGateway } from '../support/gateway-harness';
import { startUpstreamProxy, type UpstreamProxy } from '../support/upstream-proxy';

const ENABLE = `mutation($rootId: ID!, $type: PolicyType!, $key: String) {
  enablePolicyType(rootId: $rootId, type: $type, idempotencyKey: $key) { root { id } auditEventId }
}`;

// The gateway talks to the emulator through a proxy that can lose an answer after the emulator
// applied the change: the case where only the reconciler can tell what happened.
describe('a change whose answer was lost on the way back', () => {
  let emulator: RunningEmulator;
  let proxy: UpstreamProxy;
  let t: TestGateway;
  let rootId: string;
  let reconciler: Reconciler;
  const rowsOf = (intentId: string) =>
    t.gateway.database.prisma.auditEvent.findMany({ where: { OR: [{ id: intentId }, { intentId }] }, orderBy: { sequence: 'asc' } });

  beforeAll(async () => {
    emulator = await startSeededEmulator({ seed: 'demo', host: '127.0.0.1', port: 0 });
    proxy = await startUpstreamProxy(emulator.url);
    // The default retry policy: a change is not sent again after an error that leaves its outcome open.
    t = await startTestGateway({ ORGQL_ORGANIZATIONS_ENDPOINT: proxy.url, ORGQL_AUDIT_RECONCILE_INTERVAL_MS: '0' });
    rootId = (await t.data('{ roots { id } }')).roots[0].id;
    const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };
    const organizations = createSdkOrganizations(
      createOrganizationsClient({ kind: 'endpoint', endpoint: emulator.url, region: 'us-east-1', credentials }, { maxAttempts: 1, requestTimeoutMs: 5000 }),
    );
    const prisma = t.gateway.database.prisma;
    reconciler = new Reconciler(prisma, new PrismaAuditRecorder(prisma), new PrismaIdempotencyStore(prisma), organizations, pino({ level: 'silent' }), {
      graceMs: 0,
    });
  });
  afterAll(async () => {
    await t.close();
    await proxy.close();
    await emulator.close();
  });

  it('is recorded UNKNOWN (never FAILED, never "already enabled"), then SUCCEEDED by the reconciler', async () => {
    proxy.once('EnablePolicyType', 'drop');
    const { body } = await t.graphql(ENABLE, { rootId, type: 'TAG_POLICY', key: 'lost-1' });
    expect(proxy.answered('EnablePolicyType')).toBeGreaterThanOrEqual(1); // the emulator applied it
    const error = body.errors![0]!;
    expect(error.extensions!.code).not.toBe('POLICY_TYPE_ALREADY_ENABLED');
    expect(error.extensions).toMatchObject({ outcome: 'UNKNOWN', auditEventId: expect.any(String) });
    const intentId = error.extensions!.auditEventId as string;
    expect((await rowsOf(intentId)).map((r) => [r.kind, r.outcome])).toEqual([
      ['INTENT', 'PENDING'],
      ['RESULT', 'UNKNOWN'],
    ]);

    // While nobody knows, a retry with the key must not send the change again.
    const retry = await t.graphql(ENABLE, { rootId, type: 'TAG_POLICY', key: 'lost-1' });
    expect(retry.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_IN_USE' });

    const report = await reconciler.runOnce();
    expect(report.resolved).toContainEqual(expect.objectContaining({ intentId, outcome: 'SUCCEEDED' }));
    const rows = await rowsOf(intentId);
    expect(rows.map((r) => [r.kind, r.outcome])).toEqual([
      ['INTENT', 'PENDING'],
      ['RESULT', 'UNKNOWN'],
      ['RESOLUTION', 'SUCCEEDED'],
    ]);
    expect(rows[2]).toMatchObject({ intentId, reconciliation: expect.stringContaining('TAG_POLICY is enabled') });

    // Settled: the retry now replays the change instead of making it (or failing) a second time.
    const replay = await t.graphql(ENABLE, { rootId, type: 'TAG_POLICY', key: 'lost-1' });
    expect(replay.body.errors).toBeUndefined();
    expect(replay.body.data!.enablePolicyType).toEqual({ root: { id: rootId }, auditEventId: intentId });
    expect((replay.body as { extensions?: { orgql?: unknown } }).extensions?.orgql).toMatchObject({ idempotentReplay: true });
    expect(proxy.answered('EnablePolicyType')).toBe(1);

    const { body: summary } = await t.graphql('{ auditSummary(groupBy: OPERATION) { key succeeded unknown } }');
    expect(summary.data!.auditSummary).toContainEqual({ key: 'enablePolicyType', succeeded: 1, unknown: 0 });
    const verified = await t.graphql('{ verifyAuditChain { ok } }');
    expect(verified.body.data!.verifyAuditChain.ok).toBe(true);
  });

  it('is FAILED when the emulator refused it, even though the answer was lost', async () => {
    proxy.once('EnablePolicyType', 'drop');
    const { body } = await t.graphql(ENABLE, { rootId, type: 'TAG_POLICY' }); // already enabled: AWS refuses
    const intentId = body.errors![0]!.extensions!.auditEventId as string;
    await reconciler.runOnce();
    expect((await rowsOf(intentId)).map((r) => [r.kind, r.outcome])).toEqual([
      ['INTENT', 'PENDING'],
      ['RESULT', 'UNKNOWN'],
      ['RESOLUTION', 'FAILED'],
    ]);
  });
});
