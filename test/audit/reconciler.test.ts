import pino from 'pino';
import { EnablePolicyTypeCommand, ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { PrismaAuditRecorder } from '../../src/audit/prisma-audit-recorder';
import { PrismaIdempotencyStore } from '../../src/audit/prisma-idempotency-store';
import { Reconciler } from '../../src/audit/reconcile/reconciler';
import type { OrganizationsPort } from '../../src/domain/ports';
import { createOrganizationsClient } from '../../src/upstream/client-factory';
import { createSdkOrganizations } from '../../src/upstream/sdk-organizations';
import { startTestGateway, type TestGateway } from '../support/gateway-harness';
import { anIntent } from './audit-test-db';

describe('the reconciler resolves intents left without a result', () => {
  let t: TestGateway;
  let rootId: string;
  let organizations: OrganizationsPort;
  let recorder: PrismaAuditRecorder;
  let idempotency: PrismaIdempotencyStore;
  let sdk: OrganizationsClient;
  const reconciler = (graceMs = 0) => new Reconciler(t.gateway.database.prisma, recorder, idempotency, organizations, pino({ level: 'silent' }), { graceMs });
  const resultOf = (intentId: string) => t.gateway.database.prisma.auditEvent.findFirst({ where: { intentId } });
  const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };

  beforeAll(async () => {
    t = await startTestGateway();
    sdk = new OrganizationsClient({ endpoint: t.gateway.emulatorUrl, region: 'us-east-1', credentials });
    organizations = createSdkOrganizations(
      createOrganizationsClient(
        { kind: 'endpoint', endpoint: t.gateway.emulatorUrl!, region: 'us-east-1', credentials },
        { maxAttempts: 1, requestTimeoutMs: 5000 },
      ),
    );
    recorder = new PrismaAuditRecorder(t.gateway.database.prisma);
    idempotency = new PrismaIdempotencyStore(t.gateway.database.prisma);
    rootId = (await sdk.send(new ListRootsCommand({}))).Roots![0]!.Id!;
  });
  afterAll(() => t.close());

  it('records SUCCEEDED when the change is visible upstream, saying how it knows', async () => {
    const stateBefore = { root: { id: rootId, policyTypes: [] } };
    const intentId = await recorder.recordIntent(
      anIntent('enablePolicyType', { targetId: rootId, arguments: { rootId, type: 'TAG_POLICY' }, policyType: 'TAG_POLICY', stateBefore }),
    );
    await sdk.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'TAG_POLICY' })); // the call that "got through" before the crash
    const report = await reconciler().runOnce();
    expect(report.resolved).toContainEqual(expect.objectContaining({ intentId, outcome: 'SUCCEEDED' }));
    expect(await resultOf(intentId)).toMatchObject({
      kind: 'RESULT',
      outcome: 'SUCCEEDED',
      reconciliation: expect.stringMatching(/^reconciler: TAG_POLICY is enabled/),
    });
  });

  it('records FAILED when the change is not visible upstream', async () => {
    const intentId = await recorder.recordIntent(anIntent('enablePolicyType', { targetId: rootId, arguments: { rootId, type: 'BACKUP_POLICY' } }));
    await reconciler().runOnce();
    expect(await resultOf(intentId)).toMatchObject({ outcome: 'FAILED', errorCode: 'RECONCILED', errorMessage: expect.stringContaining('not enabled') });
  });

  it('records UNKNOWN, with the reason, for an operation it has no check for', async () => {
    const intentId = await recorder.recordIntent(anIntent('frobnicate', { targetId: rootId }));
    await reconciler().runOnce();
    expect(await resultOf(intentId)).toMatchObject({ outcome: 'UNKNOWN', errorMessage: 'no reconciliation check exists for frobnicate yet' });
  });

  it('leaves an intent younger than the grace period alone (its call may still be in flight)', async () => {
    const intentId = await recorder.recordIntent(anIntent('enablePolicyType', { targetId: rootId, arguments: { rootId, type: 'CHATBOT_POLICY' } }));
    await reconciler(60_000).runOnce();
    expect(await resultOf(intentId)).toBeNull();
    await reconciler(0).runOnce();
    expect(await resultOf(intentId)).not.toBeNull();
  });

  it('writes one result per intent when several reconcilers run at once', async () => {
    const intentId = await recorder.recordIntent(anIntent('frobnicate', { targetId: rootId }));
    await Promise.all([reconciler().runOnce(), reconciler().runOnce(), reconciler().runOnce()]);
    expect(await t.gateway.database.prisma.auditEvent.count({ where: { intentId } })).toBe(1);
  });

  it('frees the idempotency key of a call that died without changing anything, so that a retry can run', async () => {
    const scope = { actorId: 'alice', operation: 'enablePolicyType', key: 'died-1' };
    const args = { rootId, type: 'INSPECTOR_POLICY' };
    expect(await idempotency.claim(scope, args)).toMatchObject({ kind: 'claimed' });
    await recorder.recordIntent(anIntent('enablePolicyType', { targetId: rootId, arguments: args, idempotencyKey: 'died-1' }));
    expect(await idempotency.claim(scope, args)).toEqual({ kind: 'in-progress' });
    await reconciler().runOnce();
    expect(await idempotency.claim(scope, args)).toMatchObject({ kind: 'claimed' });
  });

  it('completes the idempotency key of a call that died after its change, so that a retry replays instead of running twice', async () => {
    const scope = { actorId: 'alice', operation: 'enablePolicyType', key: 'died-2' };
    const args = { rootId, type: 'BACKUP_POLICY' };
    await idempotency.claim(scope, args);
    const stateBefore = { root: { id: rootId, policyTypes: [] } };
    const intentId = await recorder.recordIntent(
      anIntent('enablePolicyType', { targetId: rootId, arguments: args, policyType: 'BACKUP_POLICY', stateBefore, idempotencyKey: 'died-2' }),
    );
    await sdk.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'BACKUP_POLICY' }));
    await reconciler().runOnce();
    expect(await idempotency.claim(scope, args)).toMatchObject({ kind: 'replay', auditEventId: intentId, response: { id: rootId } });
  });

  it('keeps the key of a call whose outcome stays unknown taken: a retry must not run the change a second time', async () => {
    const scope = { actorId: 'alice', operation: 'frobnicate', key: 'died-3' };
    await idempotency.claim(scope, { x: 1 });
    await recorder.recordIntent(anIntent('frobnicate', { idempotencyKey: 'died-3' }));
    await reconciler().runOnce();
    expect(await idempotency.claim(scope, { x: 1 })).toEqual({ kind: 'in-progress' });
  });

  it('completes a key its gateway left unfinished after recording SUCCEEDED', async () => {
    const scope = { actorId: 'alice', operation: 'enablePolicyType', key: 'unfinished-1' };
    const args = { rootId, type: 'SECURITYHUB_POLICY' };
    await idempotency.claim(scope, args);
    const stateBefore = { root: { id: rootId, policyTypes: [] } };
    const intentId = await recorder.recordIntent(
      anIntent('enablePolicyType', { targetId: rootId, arguments: args, policyType: 'SECURITYHUB_POLICY', stateBefore, idempotencyKey: 'unfinished-1' }),
    );
    await sdk.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SECURITYHUB_POLICY' }));
    await recorder.recordResult(intentId, { outcome: 'SUCCEEDED', upstreamRequestId: 'u-1' });
    expect(await idempotency.claim(scope, args)).toEqual({ kind: 'in-progress' });
    await reconciler().runOnce();
    expect(await idempotency.claim(scope, args)).toMatchObject({ kind: 'replay', auditEventId: intentId, response: { id: rootId } });
  });

  it('lets only the claim that owns a key release it', async () => {
    const scope = { actorId: 'alice', operation: 'enablePolicyType', key: 'owned-1' };
    const claim = await idempotency.claim(scope, { a: 1 });
    if (claim.kind !== 'claimed') throw new Error(`expected a claim, got ${claim.kind}`);
    await idempotency.release(scope, '00000000-0000-4000-8000-000000000000');
    expect(await idempotency.claim(scope, { a: 1 })).toEqual({ kind: 'in-progress' });
    await idempotency.release(scope, claim.ownerToken);
    expect(await idempotency.claim(scope, { a: 1 })).toMatchObject({ kind: 'claimed' });
  });

  it('leaves the chain intact', async () => {
    expect(await t.gateway.database.prisma.auditEvent.count({ where: { kind: 'INTENT', results: { none: {} } } })).toBe(0);
    const { body } = await t.graphql('{ verifyAuditChain { ok checkedRows brokenAt { reason } } }');
    expect(body.data!.verifyAuditChain).toMatchObject({ ok: true, brokenAt: null });
  });
});
