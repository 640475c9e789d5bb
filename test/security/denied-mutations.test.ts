import { startTestGateway, type TestGateway } from '../support/gateway-harness';
import { actorIdOfKey, upstreamCalls } from './support';

/** A refused mutation is a mutation attempt: it is in the audit log, and AWS never hears of it. */
describe('a mutation refused for its role', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  const ATTACH = 'mutation Attach($policyId: ID!, $targetId: ID!) { attachPolicy(policyId: $policyId, targetId: $targetId) { auditEventId } }';

  it.each(['viewer', 'auditor'] as const)(
    'is recorded as INTENT and FAILED/FORBIDDEN under the %s key that tried it, and sends nothing upstream',
    async (role) => {
      const key = await t.keyFor(role, `denied-${role}`);
      const before = await upstreamCalls(t.gateway.emulatorUrl);

      const { status, body } = await t.graphql(
        ATTACH,
        { policyId: 'p-aioptoutall', targetId: '444444444444' },
        { authorization: `Bearer ${key}`, 'user-agent': 'denied-test' },
      );

      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expect(body.errors).toEqual([expect.objectContaining({ path: ['attachPolicy'], extensions: { code: 'FORBIDDEN', requiredPermission: 'MUTATE' } })]);
      expect((await upstreamCalls(t.gateway.emulatorUrl)).total).toBe(before.total);

      const rows = await t.gateway.database.prisma.auditEvent.findMany({ where: { actorId: actorIdOfKey(key) }, orderBy: { sequence: 'asc' } });
      expect(rows).toHaveLength(2);
      const [intent, result] = rows as [(typeof rows)[number], (typeof rows)[number]];
      expect(intent).toMatchObject({
        kind: 'INTENT',
        outcome: 'PENDING',
        operation: 'attachPolicy',
        actorType: 'API_KEY',
        actorDisplayName: `denied-${role}`,
        actorAuthMethod: 'api-key',
        userAgent: 'denied-test',
        arguments: { policyId: 'p-aioptoutall', targetId: '444444444444' },
      });
      expect(intent.requestId).toEqual(expect.any(String));
      expect(result).toMatchObject({
        kind: 'RESULT',
        intentId: intent.id,
        outcome: 'FAILED',
        errorCode: 'FORBIDDEN',
        operation: 'attachPolicy',
        requestId: intent.requestId,
      });
      expect(result.errorMessage).toMatch(/attachPolicy/);
    },
  );

  it('stops a multi-field mutation at the first refused field (non-null payloads) and records that attempt', async () => {
    const key = await t.keyFor('viewer', 'denied-many');
    const before = await upstreamCalls(t.gateway.emulatorUrl);
    const { body } = await t.graphql(
      `mutation {
        a: tagResource(resourceId: "444444444444", tags: [{ key: "k", value: "v" }]) { auditEventId }
        b: createOrganizationalUnit(parentId: "r-demo", name: "nope") { auditEventId }
      }`,
      {},
      { authorization: `Bearer ${key}` },
    );
    expect(body.data).toBeNull();
    expect((body.errors ?? []).map((e) => [e.path?.[0], e.extensions?.code])).toEqual([['a', 'FORBIDDEN']]);
    expect((await upstreamCalls(t.gateway.emulatorUrl)).total).toBe(before.total);
    const rows = await t.gateway.database.prisma.auditEvent.findMany({ where: { actorId: actorIdOfKey(key), kind: 'RESULT' } });
    expect(rows.map((r) => [r.operation, r.outcome, r.errorCode])).toEqual([['tagResource', 'FAILED', 'FORBIDDEN']]);
  });

  it('shows up in the audit log queries an auditor runs, filtered by the refused actor', async () => {
    const viewer = await t.keyFor('viewer', 'denied-visible');
    await t.graphql('mutation { deletePolicy(id: "p-aioptoutall") { auditEventId } }', {}, { authorization: `Bearer ${viewer}` });
    const auditor = await t.keyFor('auditor', 'denied-reader');
    const { body } = await t.graphql(
      'query($actor: String!) { auditEvents(filter: { actor: $actor, kind: RESULT }) { edges { node { operation outcome errorCode actor { id displayName } } } } }',
      { actor: actorIdOfKey(viewer) },
      { authorization: `Bearer ${auditor}` },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.auditEvents.edges).toEqual([
      { node: { operation: 'deletePolicy', outcome: 'FAILED', errorCode: 'FORBIDDEN', actor: { id: actorIdOfKey(viewer), displayName: 'denied-visible' } } },
    ]);
  });

  it('keeps the audit hash chain intact', async () => {
    const { body } = await t.graphql('{ verifyAuditChain { ok checkedRows } }');
    expect(body.data!.verifyAuditChain.ok).toBe(true);
    expect(body.data!.verifyAuditChain.checkedRows).toBeGreaterThanOrEqual(8);
  });
});
