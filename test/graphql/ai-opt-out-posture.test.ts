import { mirrorSettled, startTestGateway, type TestGateway } from '../support/gateway-harness';
import { POSTURE_ROW, sdkClient, settingsFromAws, settingsOfReport } from './support/posture-from-aws';
import { countUpstreamCalls } from './support/upstream-stats';

// Two queries, as a client would ask: each stays under the gateway's query cost limit.
const ROWS = `query($under: ID, $services: [String!], $expect: AiOptOutSetting) {
  aiOptOutPosture(under: $under, services: $services, expect: $expect) {
    under { id } services policyTypeEnabled
    accounts(first: 100) { totalCount edges { node { ${POSTURE_ROW} } } }
  }
}`;
const TOTALS = `query($services: [String!], $expect: AiOptOutSetting) {
  aiOptOutPosture(services: $services, expect: $expect) {
    expect
    totals { service optedIn optedOut pass fail unknown }
    organizationalUnits { nodeId node { id name } totals { service optedIn optedOut } }
    failing(first: 100) { totalCount edges { node { accountId } } }
  }
}`;

describe('AI opt-out posture of the demo organization through GraphQL', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  it('equals, account by account and service by service, what DescribeEffectivePolicy says through the AWS SDK', async () => {
    const { aiOptOutPosture: report } = await t.data(ROWS);
    const rows = report.accounts.edges.map((e: { node: object }) => e.node);
    expect(report.under.id).toBe('r-demo');
    expect(report.policyTypeEnabled).toBe(true);
    expect(rows).toHaveLength(11);
    expect(report.services[0]).toBe('default');
    expect(report.services).toEqual(expect.arrayContaining(['comprehend', 'lex', 'rekognition']));
    const client = sdkClient(t.gateway.emulatorUrl!);
    try {
      const aws = await settingsFromAws(
        client,
        rows.map((r: { accountId: string }) => r.accountId),
        report.services,
      );
      expect(settingsOfReport(rows)).toEqual(aws);
    } finally {
      client.destroy();
    }
  });

  it('names the policy, node and operator behind a setting', async () => {
    const { aiOptOutPosture: report } = await t.data(ROWS, { services: ['lex', 'polly'] });
    const ml = report.accounts.edges.find((e: { node: { accountId: string } }) => e.node.accountId === '888888888888').node;
    expect(ml.services).toEqual([
      expect.objectContaining({ service: 'lex', setting: 'OPT_IN', source: 'SERVICE_KEY', policyId: 'p-allowlexoptin', operator: '@@assign' }),
      expect.objectContaining({ service: 'polly', setting: 'OPT_OUT', source: 'DEFAULT_KEY', policyId: 'p-aioptoutall' }),
    ]);
  });

  it("says Workloads' @@none lock holds Comprehend below it, and only there", async () => {
    const { aiOptOutPosture } = await t.data(`{ aiOptOutPosture(services: ["comprehend"]) {
      accounts(first: 100) { edges { node { accountId services { locked lockedByPolicyId lockedAt { id } } } } } } }`);
    const locked = Object.fromEntries(
      aiOptOutPosture.accounts.edges.map((e: { node: { accountId: string; services: object[] } }) => [e.node.accountId, e.node.services[0]]),
    );
    expect(locked['444444444444']).toEqual({ locked: true, lockedByPolicyId: 'p-lockcomprehend', lockedAt: { id: 'ou-demo-workloads' } });
    expect(locked['999999999999']).toEqual({ locked: true, lockedByPolicyId: 'p-lockcomprehend', lockedAt: { id: 'ou-demo-workloads' } });
    expect(locked['111111111111']).toEqual({ locked: false, lockedByPolicyId: null, lockedAt: null });
    expect(locked['222222222222']).toEqual({ locked: false, lockedByPolicyId: null, lockedAt: null });
  });

  it('fails the ML Platform accounts on Lex against OPT_OUT, and calls the suspended sandbox UNKNOWN rather than PASS or FAIL', async () => {
    const { aiOptOutPosture: report } = await t.data(TOTALS, { services: ['default', 'lex'], expect: 'OPT_OUT' });
    const { aiOptOutPosture: rows } = await t.data(ROWS, { services: ['default', 'lex'], expect: 'OPT_OUT' });
    expect(report.expect).toBe('OPT_OUT');
    expect(report.failing.edges.map((e: { node: { accountId: string } }) => e.node.accountId)).toEqual(['888888888888', '999999999999']);
    const bob = rows.accounts.edges.find((e: { node: { accountId: string } }) => e.node.accountId === '121212121212').node;
    expect(bob.status).toBe('UNKNOWN');
    expect(bob.services.map((s: { unknownReason: string }) => s.unknownReason)).toEqual(['ACCOUNT_NOT_ACTIVE', 'ACCOUNT_NOT_ACTIVE']);
    expect(report.totals).toEqual([
      { service: 'default', optedIn: 0, optedOut: 11, pass: 10, fail: 0, unknown: 1 },
      { service: 'lex', optedIn: 2, optedOut: 9, pass: 8, fail: 2, unknown: 1 },
    ]);
    const ml = report.organizationalUnits.find((o: { nodeId: string }) => o.nodeId === 'ou-demo-mlplatform');
    expect(ml.node.name).toBe('ML Platform');
    expect(ml.totals[1]).toEqual({ service: 'lex', optedIn: 2, optedOut: 0 });
  });

  it('pages through the accounts with cursors and filters them by status', async () => {
    const page = `query($after: String) { aiOptOutPosture(expect: OPT_OUT, services: ["lex"]) {
      accounts(first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { accountId } } }
      passing: accounts(status: PASS, service: "lex") { totalCount } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { aiOptOutPosture }: any = await t.data(page, { after });
      seen.push(...aiOptOutPosture.accounts.edges.map((e: { node: { accountId: string } }) => e.node.accountId));
      expect(aiOptOutPosture.passing.totalCount).toBe(8);
      if (!aiOptOutPosture.accounts.pageInfo.hasNextPage) break;
      after = aiOptOutPosture.accounts.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(11);
    expect(new Set(seen).size).toBe(11);
  });

  it('answers from the mirror: no upstream call', async () => {
    await mirrorSettled(t.gateway);
    const { result, stats } = await countUpstreamCalls(t.gateway.emulatorUrl!, () =>
      Promise.all([t.graphql(ROWS, { expect: 'OPT_OUT' }), t.graphql(TOTALS, { expect: 'OPT_OUT' })]),
    );
    for (const answer of result) expect(answer.body.errors).toBeUndefined();
    expect(stats.total).toBe(0);
  });

  it('refuses a node id that is not a root, OU or account, and a service name that is not a key', async () => {
    const bad = await t.graphql(`{ aiOptOutPosture(under: "p-aioptoutall") { services } }`);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badService = await t.graphql(`{ aiOptOutPosture(services: ["lex; drop"]) { services } }`);
    expect(badService.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('AI opt-out posture where the policy type is not enabled', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ ORGQL_EMULATOR_SEED: 'empty' });
  });
  afterAll(() => t.close());

  it('is UNKNOWN for every account and service, never FAIL', async () => {
    const { aiOptOutPosture: report } = await t.data(ROWS, { expect: 'OPT_OUT' });
    const { aiOptOutPosture: totals } = await t.data(TOTALS, { expect: 'OPT_OUT' });
    expect(report.policyTypeEnabled).toBe(false);
    const cells = report.accounts.edges.flatMap((e: { node: { services: object[] } }) => e.node.services);
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(cell).toMatchObject({ setting: null, status: 'UNKNOWN', unknownReason: 'POLICY_TYPE_NOT_ENABLED' });
    expect(totals.failing.totalCount).toBe(0);
  });
});
