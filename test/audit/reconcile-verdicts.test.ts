import pino from 'pino';
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  EnablePolicyTypeCommand,
  ListRootsCommand,
  OrganizationsClient,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-organizations';
import { PrismaAuditRecorder } from '../../src/audit/prisma-audit-recorder';
import { PrismaIdempotencyStore } from '../../src/audit/prisma-idempotency-store';
import { Reconciler } from '../../src/audit/reconcile/reconciler';
import { createOrganizationsClient } from '../../src/upstream/client-factory';
import { createSdkOrganizations } from '../../src/upstream/sdk-organizations';
import { startTestGateway, type TestGateway } from '../support/gateway-harness';
import { anIntent } from './audit-test-db';

const SCP = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

describe('reconciler verdicts compare the state before the call with the state now', () => {
  let t: TestGateway;
  let rootId: string;
  let sdk: OrganizationsClient;
  let recorder: PrismaAuditRecorder;
  let reconciler: Reconciler;
  const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };
  const rows = (intentId: string) => t.gateway.database.prisma.auditEvent.findMany({ where: { intentId }, orderBy: { sequence: 'asc' } });
  const settle = async (operation: string, extra: Record<string, unknown>) => {
    const intentId = await recorder.recordIntent(anIntent(operation, extra));
    await reconciler.runOnce();
    return (await rows(intentId))[0]!;
  };

  beforeAll(async () => {
    t = await startTestGateway({ ORGQL_AUDIT_RECONCILE_INTERVAL_MS: '0' });
    sdk = new OrganizationsClient({ endpoint: t.gateway.emulatorUrl, region: 'us-east-1', credentials });
    const organizations = createSdkOrganizations(
      createOrganizationsClient(
        { kind: 'endpoint', endpoint: t.gateway.emulatorUrl!, region: 'us-east-1', credentials },
        { maxAttempts: 1, requestTimeoutMs: 5000 },
      ),
    );
    recorder = new PrismaAuditRecorder(t.gateway.database.prisma);
    reconciler = new Reconciler(
      t.gateway.database.prisma,
      recorder,
      new PrismaIdempotencyStore(t.gateway.database.prisma),
      organizations,
      pino({ level: 'silent' }),
      { graceMs: 0 },
    );
    rootId = (await sdk.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    await sdk.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' })).catch(() => undefined);
  });
  afterAll(() => t.close());

  it('settles a createPolicy whose name already existed before the call as FAILED, not as the existing policy', async () => {
    await sdk.send(new CreatePolicyCommand({ Name: 'Taken', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: SCP }));
    const result = await settle('createPolicy', {
      targetType: 'POLICY',
      targetId: undefined,
      policyType: 'SERVICE_CONTROL_POLICY',
      arguments: { name: 'Taken', type: 'SERVICE_CONTROL_POLICY', content: SCP },
      stateBefore: { policy: null, existingWithName: { id: 'p-whatever' } },
    });
    expect(result).toMatchObject({ kind: 'RESULT', outcome: 'FAILED', errorMessage: expect.stringContaining('already existed before the call') });
  });

  it('credits a createPolicy whose name was free before the call', async () => {
    await sdk.send(new CreatePolicyCommand({ Name: 'Fresh', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: SCP }));
    const result = await settle('createPolicy', {
      targetType: 'POLICY',
      targetId: undefined,
      policyType: 'SERVICE_CONTROL_POLICY',
      arguments: { name: 'Fresh', type: 'SERVICE_CONTROL_POLICY', content: SCP },
      stateBefore: { policy: null, existingWithName: null },
    });
    expect(result).toMatchObject({ outcome: 'SUCCEEDED', policyId: expect.stringMatching(/^p-/) });
  });

  it('does not credit an attach of a policy that was already attached before the call', async () => {
    const ou = (await t.data(`{ roots { organizationalUnits { id } } }`)).roots[0].organizationalUnits[0].id as string;
    const policyId = (await sdk.send(new CreatePolicyCommand({ Name: 'Attached', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: SCP }))).Policy!
      .PolicySummary!.Id!;
    await sdk.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: ou }));
    const common = { targetType: 'ORGANIZATIONAL_UNIT', targetId: ou, policyId, arguments: { policyId, targetId: ou } };
    expect(await settle('attachPolicy', { ...common, stateBefore: { targetId: ou, attachments: [{ id: policyId, name: 'Attached' }] } })).toMatchObject({
      outcome: 'FAILED',
    });
    expect(await settle('attachPolicy', { ...common, stateBefore: { targetId: ou, attachments: [] } })).toMatchObject({ outcome: 'SUCCEEDED' });
    expect(await settle('attachPolicy', { ...common, stateBefore: { unavailable: 'UPSTREAM_THROTTLED' } })).toMatchObject({ outcome: 'UNKNOWN' });
  });

  it('does not credit a detach of a policy that was not attached before the call', async () => {
    const policyId = (await sdk.send(new CreatePolicyCommand({ Name: 'Loose', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: SCP }))).Policy!
      .PolicySummary!.Id!;
    const result = await settle('detachPolicy', {
      targetType: 'ROOT',
      targetId: rootId,
      policyId,
      arguments: { policyId, targetId: rootId },
      stateBefore: { targetId: rootId, attachments: [] },
    });
    expect(result).toMatchObject({ outcome: 'FAILED', errorMessage: expect.stringContaining('already was before the call') });
  });

  it('has a check for tagResource and untagResource that needs the tags to have changed', async () => {
    await sdk.send(new TagResourceCommand({ ResourceId: rootId, Tags: [{ Key: 'team', Value: 'blue' }] }));
    const tagged = { targetType: 'ROOT', targetId: rootId, arguments: { resourceId: rootId, tags: [{ key: 'team', value: 'blue' }] } };
    expect(await settle('tagResource', { ...tagged, stateBefore: { tags: [] } })).toMatchObject({ outcome: 'SUCCEEDED' });
    expect(await settle('tagResource', { ...tagged, stateBefore: { tags: [{ key: 'team', value: 'blue' }] } })).toMatchObject({ outcome: 'UNKNOWN' });
    await sdk.send(new UntagResourceCommand({ ResourceId: rootId, TagKeys: ['team'] }));
    const untagged = { targetType: 'ROOT', targetId: rootId, arguments: { resourceId: rootId, tagKeys: ['team'] } };
    expect(await settle('untagResource', { ...untagged, stateBefore: { tags: [{ key: 'team', value: 'blue' }] } })).toMatchObject({ outcome: 'SUCCEEDED' });
    expect(await settle('tagResource', { ...tagged, stateBefore: { tags: [] } })).toMatchObject({ outcome: 'FAILED' });
  });

  it('settles an UNKNOWN result with a RESOLUTION that points at the intent, leaving the result as it was', async () => {
    const stateBefore = { root: { id: rootId, policyTypes: [] } };
    const intentId = await recorder.recordIntent(
      anIntent('enablePolicyType', { targetId: rootId, arguments: { rootId, type: 'TAG_POLICY' }, policyType: 'TAG_POLICY', stateBefore }),
    );
    await recorder.recordResult(intentId, { outcome: 'UNKNOWN', errorCode: 'UPSTREAM_UNAVAILABLE', errorMessage: 'connection reset' });
    await reconciler.runOnce();
    expect((await rows(intentId)).map((r) => [r.kind, r.outcome])).toEqual([
      ['RESULT', 'UNKNOWN'],
      ['RESOLUTION', 'FAILED'],
    ]);
    await reconciler.runOnce();
    expect(await rows(intentId)).toHaveLength(2);
    const { body } = await t.graphql('{ verifyAuditChain { ok } }');
    expect(body.data!.verifyAuditChain.ok).toBe(true);
  });
});
