import { startTestGateway, type TestGateway } from '../support/gateway-harness';

const ENABLE = `mutation Enable($rootId: ID!, $type: PolicyType!, $key: String) {
  enablePolicyType(rootId: $rootId, type: $type, idempotencyKey: $key) { root { id policyTypes { type status } } auditEventId }
}`;
const DISABLE = `mutation Disable($rootId: ID!, $type: PolicyType!, $key: String) {
  disablePolicyType(rootId: $rootId, type: $type, idempotencyKey: $key) { root { id } auditEventId }
}`;

describe('idempotency keys on mutations', () => {
  let t: TestGateway;
  let rootId: string;

  const calls = async (operation: string): Promise<number> => {
    const stats = (await (await fetch(`${t.gateway.emulatorUrl}/_emulator/stats`)).json()) as { calls: Record<string, number> };
    return stats.calls[operation] ?? 0;
  };

  beforeAll(async () => {
    t = await startTestGateway();
    const { body } = await t.graphql<{ roots: Array<{ id: string }> }>('{ roots { id } }');
    rootId = body.data!.roots[0]!.id;
  });
  afterAll(() => t.close());

  it('returns the first result and its auditEventId to a retry with the same key, changing nothing twice', async () => {
    const before = await calls('EnablePolicyType');
    const first = await t.graphql(ENABLE, { rootId, type: 'TAG_POLICY', key: 'retry-1' });
    const second = await t.graphql(ENABLE, { rootId, type: 'TAG_POLICY', key: 'retry-1' });
    expect(first.body.errors).toBeUndefined();
    expect(second.body.errors).toBeUndefined();
    expect(second.body.data).toEqual(first.body.data);
    expect((first.body as { extensions?: { orgql?: { idempotentReplay?: boolean } } }).extensions?.orgql?.idempotentReplay).toBeUndefined();
    expect((second.body as { extensions?: { orgql?: unknown } }).extensions?.orgql).toMatchObject({ idempotentReplay: true });
    expect(await calls('EnablePolicyType')).toBe(before + 1);
    const intents = await t.gateway.database.prisma.auditEvent.count({ where: { idempotencyKey: 'retry-1', kind: 'INTENT' } });
    expect(intents).toBe(1);
  });

  it('refuses the same key with other arguments as a CONFLICT', async () => {
    await t.graphql(ENABLE, { rootId, type: 'BACKUP_POLICY', key: 'reuse-1' });
    const { body } = await t.graphql(ENABLE, { rootId, type: 'CHATBOT_POLICY', key: 'reuse-1' });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('records the refused reuse as a failed attempt of its own, without the key', async () => {
    await t.graphql(ENABLE, { rootId, type: 'BEDROCK_POLICY', key: 'reuse-2' });
    const before = await t.gateway.database.prisma.auditEvent.count();
    await t.graphql(ENABLE, { rootId, type: 'DECLARATIVE_POLICY_EC2', key: 'reuse-2' });
    const rows = await t.gateway.database.prisma.auditEvent.findMany({ orderBy: { sequence: 'desc' }, take: 2 });
    expect(await t.gateway.database.prisma.auditEvent.count()).toBe(before + 2);
    expect(rows.map((r) => [r.kind, r.outcome, r.errorCode, r.idempotencyKey])).toEqual([
      ['RESULT', 'FAILED', 'CONFLICT', null],
      ['INTENT', 'PENDING', null, null],
    ]);
    expect(rows[1]!.arguments).toEqual({ rootId, type: 'DECLARATIVE_POLICY_EC2' });
  });

  it('lets only one of several concurrent calls with one key run', async () => {
    const before = await calls('EnablePolicyType');
    const responses = await Promise.all(Array.from({ length: 6 }, () => t.graphql(ENABLE, { rootId, type: 'SECURITYHUB_POLICY', key: 'race-1' })));
    expect(await calls('EnablePolicyType')).toBe(before + 1);
    const ids = new Set<string>();
    for (const { body } of responses) {
      if (body.errors) expect(body.errors[0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_IN_USE' });
      else ids.add(body.data!.enablePolicyType.auditEventId);
    }
    expect(ids.size).toBe(1);
  });

  it('scopes a key to its operation', async () => {
    const enabled = await t.graphql(ENABLE, { rootId, type: 'INSPECTOR_POLICY', key: 'shared-key' });
    const disabled = await t.graphql(DISABLE, { rootId, type: 'INSPECTOR_POLICY', key: 'shared-key' });
    expect(enabled.body.errors).toBeUndefined();
    expect(disabled.body.errors).toBeUndefined();
    expect(disabled.body.data!.disablePolicyType.auditEventId).not.toBe(enabled.body.data!.enablePolicyType.auditEventId);
  });

  it('gives the key back after a failed call, so that a retry runs again', async () => {
    const before = await calls('EnablePolicyType');
    const first = await t.graphql(ENABLE, { rootId, type: 'AISERVICES_OPT_OUT_POLICY', key: 'fails-1' });
    const second = await t.graphql(ENABLE, { rootId, type: 'AISERVICES_OPT_OUT_POLICY', key: 'fails-1' });
    expect(first.body.errors![0]!.extensions!.code).toBe('POLICY_TYPE_ALREADY_ENABLED');
    expect(second.body.errors![0]!.extensions!.code).toBe('POLICY_TYPE_ALREADY_ENABLED');
    expect(await calls('EnablePolicyType')).toBe(before + 2);
  });

  it('records the client address, user agent and state before and after with the change', async () => {
    const { body } = await t.graphql(ENABLE, { rootId, type: 'S3_POLICY' }, { 'user-agent': 'audit-test/1.0' });
    expect(body.errors).toBeUndefined();
    const id = body.data!.enablePolicyType.auditEventId;
    const result = await t.gateway.database.prisma.auditEvent.findFirstOrThrow({ where: { intentId: id } });
    expect(result).toMatchObject({ clientIp: '127.0.0.1', userAgent: 'audit-test/1.0', outcome: 'SUCCEEDED' });
    expect(JSON.stringify(result.stateBefore)).not.toContain('S3_POLICY');
    expect(JSON.stringify(result.stateAfter)).toContain('S3_POLICY');
  });
});
