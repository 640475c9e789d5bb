import { PrismaAuditRecorder } from '../../src/audit/prisma-audit-recorder';
import { startTestGateway, type TestGateway } from '../support/gateway-harness';
import { anIntent } from './audit-test-db';

const EVENTS = `query Events($filter: AuditEventFilter, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id sequence kind operation outcome actor { id displayName } targetId policyId intent { id } result { id outcome } } }
  }
}`;

const policy = (content: unknown) => ({ policy: { id: 'p-tags', name: 'tags', type: 'TAG_POLICY', content: JSON.stringify(content) } });

describe('audit reports over GraphQL and the export', () => {
  let t: TestGateway;
  let recorder: PrismaAuditRecorder;
  const change = async (
    operation: string,
    extra: Record<string, unknown>,
    stateAfter: unknown,
    outcome: 'SUCCEEDED' | 'FAILED' = 'SUCCEEDED',
    policyId?: string,
  ) => {
    const intentId = await recorder.recordIntent(anIntent(operation, extra));
    if (outcome === 'SUCCEEDED') await recorder.recordResult(intentId, { outcome, upstreamRequestId: 'u', stateAfter, ...(policyId ? { policyId } : {}) });
    else await recorder.recordResult(intentId, { outcome, errorCode: 'NOT_FOUND', errorMessage: 'no such thing' });
    return intentId;
  };

  beforeAll(async () => {
    t = await startTestGateway();
    recorder = new PrismaAuditRecorder(t.gateway.database.prisma);
    const v1 = { tags: { env: { tag_key: { '@@assign': 'Env' } } } };
    const v2 = { tags: { env: { tag_key: { '@@assign': 'Environment' } }, team: { tag_key: { '@@assign': 'Team' } } } };
    await change(
      'createPolicy',
      { targetType: 'POLICY', targetId: undefined, policyId: undefined, arguments: { name: 'tags' } },
      policy(v1),
      'SUCCEEDED',
      'p-tags',
    );
    // createPolicy learnt its id only from the result; later changes name it up front.
    await change(
      'updatePolicy',
      { targetType: 'POLICY', targetId: 'p-tags', policyId: 'p-tags', policyType: 'TAG_POLICY', stateBefore: policy(v1) },
      policy(v2),
    );
    await change(
      'attachPolicy',
      {
        targetType: 'ACCOUNT',
        targetId: '111111111111',
        policyId: 'p-tags',
        policyType: 'TAG_POLICY',
        stateBefore: { attachments: [], effectivePolicies: { TAG_POLICY: null } },
      },
      {
        attachments: ['p-tags'],
        effectivePolicies: { TAG_POLICY: v2 },
      },
    );
    await change('detachPolicy', { targetType: 'ACCOUNT', targetId: '111111111111', policyId: 'p-nope' }, null, 'FAILED');
    await change('deletePolicy', { targetType: 'POLICY', targetId: 'p-tags', policyId: 'p-tags', policyType: 'TAG_POLICY', stateBefore: policy(v2) }, null);
  });
  afterAll(() => t.close());

  it('pages through events newest first with cursors, and counts them', async () => {
    const first = await t.graphql(EVENTS, { first: 4 });
    expect(first.body.errors).toBeUndefined();
    const page1 = first.body.data!.auditEvents;
    expect(page1.totalCount).toBe(10);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.edges.map((e: any) => Number(e.node.sequence))).toEqual([10, 9, 8, 7]);
    const rest = await t.graphql(EVENTS, { first: 10, after: page1.pageInfo.endCursor });
    expect(rest.body.data!.auditEvents.edges.map((e: any) => Number(e.node.sequence))).toEqual([6, 5, 4, 3, 2, 1]);
    expect(rest.body.data!.auditEvents.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by operation, target, policy, type, outcome, actor and time', async () => {
    const ids = async (filter: Record<string, unknown>) =>
      (await t.graphql(EVENTS, { filter })).body.data!.auditEvents.edges.map((e: any) => `${e.node.operation}/${e.node.kind}/${e.node.outcome}`);
    expect(await ids({ operation: 'attachPolicy', kind: 'RESULT' })).toEqual(['attachPolicy/RESULT/SUCCEEDED']);
    expect(await ids({ outcome: 'FAILED' })).toEqual(['detachPolicy/RESULT/FAILED']);
    expect(await ids({ policyId: 'p-tags', kind: 'RESULT' })).toEqual([
      'deletePolicy/RESULT/SUCCEEDED',
      'attachPolicy/RESULT/SUCCEEDED',
      'updatePolicy/RESULT/SUCCEEDED',
      'createPolicy/RESULT/SUCCEEDED',
    ]);
    expect(await ids({ targetId: '111111111111', policyType: 'TAG_POLICY' })).toEqual(['attachPolicy/RESULT/SUCCEEDED', 'attachPolicy/INTENT/PENDING']);
    expect(await ids({ actor: 'nobody' })).toEqual([]);
    expect(await ids({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await ids({ to: new Date(Date.now() + 60_000).toISOString(), operation: 'createPolicy' })).toHaveLength(2);
  });

  it('refuses a cursor it did not make and an oversized page', async () => {
    expect((await t.graphql(EVENTS, { after: 'bogus' })).body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect((await t.graphql(EVENTS, { first: 10_000 })).body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('shows an event with its intent/result pair', async () => {
    const { body } = await t.graphql(EVENTS, { filter: { operation: 'detachPolicy', kind: 'INTENT' } });
    const intent = body.data!.auditEvents.edges[0].node;
    const { body: one } = await t.graphql(
      `query($id: ID!) { auditEvent(id: $id) { id kind actor { id displayName authMethod } clientIp requestParameters result { kind outcome errorCode errorMessage intent { id } } } }`,
      { id: intent.id },
    );
    expect(one.data!.auditEvent).toMatchObject({
      id: intent.id,
      kind: 'INTENT',
      actor: { id: 'alice', displayName: 'Alice', authMethod: 'api-key' },
      clientIp: '10.0.0.7',
      result: { kind: 'RESULT', outcome: 'FAILED', errorCode: 'NOT_FOUND', intent: { id: intent.id } },
    });
    expect((await t.graphql(`{ auditEvent(id: "not-an-id") { id } }`)).body.data!.auditEvent).toBeNull();
  });

  it("lists every version of a policy's document with a structural diff to the previous one", async () => {
    const { body } = await t.graphql(
      `{ policyHistory(policyId: "p-tags") { version document event { operation } diff { added { path } removed { path } changed { path before after } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const versions = body.data!.policyHistory;
    expect(versions.map((v: any) => [v.version, v.event.operation])).toEqual([
      [0, 'createPolicy'],
      [1, 'updatePolicy'],
      [2, 'deletePolicy'],
    ]);
    expect(versions[1].diff.changed).toEqual([{ path: '$.tags.env.tag_key.@@assign', before: 'Env', after: 'Environment' }]);
    expect(versions[1].diff.added.map((a: any) => a.path)).toEqual(['$.tags.team']);
    expect(versions[2].document).toBeNull();
  });

  it("shows a target's attachments over time and the effective-policy change they caused", async () => {
    const { body } = await t.graphql(
      `{ targetHistory(targetId: "111111111111") { event { operation } diff { changed { path } } effectivePolicyDiff { added { path } changed { path before } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.targetHistory).toHaveLength(1);
    const [attach] = body.data!.targetHistory;
    expect(attach.event.operation).toBe('attachPolicy');
    expect(attach.effectivePolicyDiff.changed).toEqual([{ path: '$.TAG_POLICY', before: null }]);
  });

  it('summarises attempts and outcomes by operation, actor, target and day', async () => {
    const summary = async (groupBy: string) =>
      (await t.graphql(`{ auditSummary(groupBy: ${groupBy}) { key attempts succeeded failed unknown } }`)).body.data!.auditSummary;
    expect(await summary('OPERATION')).toContainEqual({ key: 'detachPolicy', attempts: 1, succeeded: 0, failed: 1, unknown: 0 });
    expect(await summary('ACTOR')).toEqual([{ key: 'alice', attempts: 5, succeeded: 4, failed: 1, unknown: 0 }]);
    expect(await summary('TARGET')).toContainEqual({ key: '111111111111', attempts: 2, succeeded: 1, failed: 1, unknown: 0 });
    const days = await summary('DAY');
    expect(days).toEqual([{ key: new Date().toISOString().slice(0, 10), attempts: 5, succeeded: 4, failed: 1, unknown: 0 }]);
  });

  it('exports NDJSON and CSV over HTTP, streamed oldest first', async () => {
    const base = t.gateway.url.replace(/\/$/, '');
    const ndjson = await fetch(`${base}/audit/export?format=ndjson`, { headers: t.auth });
    expect(ndjson.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const lines = (await ndjson.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => Number(l.sequence))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(lines[0]).toMatchObject({ kind: 'INTENT', operation: 'createPolicy', actor: { id: 'alice' }, rowHash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const csv = await (await fetch(`${base}/audit/export?format=csv`, { headers: t.auth })).text();
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^sequence,event_id,kind,intent_id,event_time,actor_id/);
    expect(rows).toHaveLength(11);
    // JSON columns are quoted with their quotes doubled (RFC 4180).
    expect(rows[1]).toContain('"{""name"":""tags""}"');

    expect((await fetch(`${base}/audit/export?format=xml`, { headers: t.auth })).status).toBe(400);
    expect((await fetch(`${base}/audit/export?from=yesterday`, { headers: t.auth })).status).toBe(400);
    const none = await fetch(`${base}/audit/export?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, { headers: t.auth });
    expect(await none.text()).toBe('');
  });

  it('exports exactly the rows a filtered view shows, oldest first, with the filters of AuditEventFilter', async () => {
    const base = t.gateway.url.replace(/\/$/, '');
    const filters: Array<Record<string, string>> = [
      { outcome: 'FAILED' },
      { operation: 'createPolicy', kind: 'RESULT' },
      { policyId: 'p-tags', origin: 'ORGQL' },
      { actor: 'nobody' },
    ];
    for (const filter of filters) {
      const { body } = await t.graphql(EVENTS, { filter, first: 100 });
      const shown = body.data!.auditEvents.edges.map((e: any) => e.node.id).reverse();
      const query = new URLSearchParams({ format: 'ndjson', ...filter });
      const exported = (await (await fetch(`${base}/audit/export?${query.toString()}`, { headers: t.auth })).text())
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).id);
      expect({ filter, exported }).toEqual({ filter, exported: shown });
    }
    const bad = await fetch(`${base}/audit/export?outcome=MAYBE`, { headers: t.auth });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { problems: string[] }).problems).toEqual([expect.stringContaining('outcome must be one of')]);
  });

  it('verifies the chain over GraphQL', async () => {
    const { body } = await t.graphql(`{ verifyAuditChain { ok checkedRows firstSequence lastSequence lastHash brokenAt { reason } } }`);
    expect(body.data!.verifyAuditChain).toMatchObject({ ok: true, checkedRows: 10, firstSequence: '1', lastSequence: '10', brokenAt: null });
  });
});
