import { ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { startTestGateway, type TestGateway } from '../support/gateway-harness';

const ORGANIZATION_QUERY = `{
  organization { id arn featureSet managementAccountId roots { id name policyTypes { type status } } }
}`;
const ENABLE = `mutation Enable($rootId: ID!, $type: PolicyType!) {
  enablePolicyType(rootId: $rootId, type: $type) { root { id policyTypes { type status } } auditEventId }
}`;

async function upstreamCalls(emulatorUrl: string, operation: string): Promise<number> {
  const stats = (await (await fetch(`${emulatorUrl}/_emulator/stats`)).json()) as { calls: Record<string, number> };
  return stats.calls[operation] ?? 0;
}

describe('the slice: GraphQL -> AWS SDK -> emulator over HTTP -> audit row in PostgreSQL', () => {
  let t: TestGateway;
  let rootId: string;

  beforeAll(async () => {
    t = await startTestGateway();
    const { body } = await t.graphql<{ organization: { roots: Array<{ id: string }> } }>(ORGANIZATION_QUERY);
    rootId = body.data!.organization.roots[0]!.id;
  });
  afterAll(() => t.close());

  it('answers the organization query with the demo organization from the emulator', async () => {
    const { status, body } = await t.graphql(ORGANIZATION_QUERY);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const org = body.data!.organization;
    expect(org.id).toMatch(/^o-[a-z0-9]{10,32}$/);
    expect(org.arn).toBe(`arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`);
    expect(org.featureSet).toBe('ALL');
    expect(org.roots).toHaveLength(1);
    expect(org.roots[0].id).toMatch(/^r-[0-9a-z]{4,32}$/);
    expect(org.roots[0].policyTypes).toContainEqual({ type: 'AISERVICES_OPT_OUT_POLICY', status: 'ENABLED' });
  });

  it('enables a policy type upstream and records the intent and the result in the audit log', async () => {
    const before = await upstreamCalls(t.gateway.emulatorUrl!, 'EnablePolicyType');
    const { body } = await t.graphql(ENABLE, { rootId, type: 'TAG_POLICY' });
    expect(body.errors).toBeUndefined();
    const payload = body.data!.enablePolicyType;
    expect(payload.root.policyTypes).toContainEqual({ type: 'TAG_POLICY', status: 'ENABLED' });
    expect(await upstreamCalls(t.gateway.emulatorUrl!, 'EnablePolicyType')).toBe(before + 1);

    const rows = await t.gateway.database.prisma.auditEvent.findMany({
      where: { OR: [{ id: payload.auditEventId }, { intentId: payload.auditEventId }] },
      orderBy: { sequence: 'asc' },
    });
    expect(rows.map((r) => [r.kind, r.outcome])).toEqual([
      ['INTENT', 'PENDING'],
      ['RESULT', 'SUCCEEDED'],
    ]);
    const [intent, result] = rows;
    expect(intent).toMatchObject({
      operation: 'enablePolicyType',
      upstreamAction: 'EnablePolicyType',
      targetType: 'ROOT',
      targetId: rootId,
      arguments: { rootId, type: 'TAG_POLICY' },
      actorId: `apikey:${t.adminKey.split('_')[1]}`,
      actorType: 'API_KEY',
    });
    expect(intent!.requestId).toEqual(expect.any(String));
    expect(result!.upstreamRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result!.occurredAt.getTime()).toBeGreaterThanOrEqual(intent!.occurredAt.getTime());
  });

  it('records a refused change as FAILED with the error code, and returns that code', async () => {
    const { body } = await t.graphql(ENABLE, { rootId, type: 'AISERVICES_OPT_OUT_POLICY' });
    expect(body.data).toBeNull();
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'POLICY_TYPE_ALREADY_ENABLED', upstreamException: 'PolicyTypeAlreadyEnabledException' });
    const result = await t.gateway.database.prisma.auditEvent.findFirst({ where: { kind: 'RESULT', outcome: 'FAILED' }, orderBy: { sequence: 'desc' } });
    expect(result).toMatchObject({ errorCode: 'POLICY_TYPE_ALREADY_ENABLED', targetId: rootId, arguments: { rootId, type: 'AISERVICES_OPT_OUT_POLICY' } });
  });

  it('returns NOT_FOUND for a root that does not exist, with its audit record', async () => {
    const { body } = await t.graphql(ENABLE, { rootId: 'r-zzzz', type: 'BACKUP_POLICY' });
    expect(body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const intent = await t.gateway.database.prisma.auditEvent.findFirst({ where: { kind: 'INTENT', targetId: 'r-zzzz' } });
    expect(intent).not.toBeNull();
  });

  it('rejects an unknown policy type before anything is recorded or sent upstream', async () => {
    const before = await t.gateway.database.prisma.auditEvent.count();
    const calls = await upstreamCalls(t.gateway.emulatorUrl!, 'EnablePolicyType');
    const { status, body } = await t.graphql(ENABLE, { rootId, type: 'NOT_A_TYPE' });
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(await t.gateway.database.prisma.auditEvent.count()).toBe(before);
    expect(await upstreamCalls(t.gateway.emulatorUrl!, 'EnablePolicyType')).toBe(calls);
  });

  it('makes no change upstream when the audit row cannot be written', async () => {
    const prisma = t.gateway.database.prisma;
    const calls = await upstreamCalls(t.gateway.emulatorUrl!, 'EnablePolicyType');
    await prisma.$executeRawUnsafe('ALTER TABLE audit_event RENAME TO audit_event_away');
    try {
      const { body } = await t.graphql(ENABLE, { rootId, type: 'BACKUP_POLICY' });
      expect(body.errors![0]!.extensions).toEqual({ code: 'AUDIT_UNAVAILABLE' });
      expect(body.errors![0]!.message).not.toMatch(/audit_event|relation|prisma/i);
    } finally {
      await prisma.$executeRawUnsafe('ALTER TABLE audit_event_away RENAME TO audit_event');
    }
    expect(await upstreamCalls(t.gateway.emulatorUrl!, 'EnablePolicyType')).toBe(calls);
    const client = new OrganizationsClient({ endpoint: t.gateway.emulatorUrl, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const { Roots } = await client.send(new ListRootsCommand({}));
    expect(Roots![0]!.PolicyTypes!.map((p) => p.Type)).not.toContain('BACKUP_POLICY');
  });

  it('logs one line per request with its request id, method, path, status and duration, and echoes the id to the caller', async () => {
    const { headers } = await t.graphql(ORGANIZATION_QUERY, undefined, { 'x-request-id': 'trace-abc-123' });
    expect(headers.get('x-request-id')).toBe('trace-abc-123');
    const lines = t.logs.filter((line) => line.reqId === 'trace-abc-123' && line.msg === 'request');
    expect(lines).toEqual([expect.objectContaining({ method: 'POST', path: '/graphql', statusCode: 200, ms: expect.any(Number) })]);
    expect(t.logs.filter((line) => line.reqId === 'trace-abc-123').map((l) => l.msg)).not.toContain('incoming request');
  });
});
