import { mirrorSettled, READ_UPSTREAM, startTestGateway, type TestGateway } from '../support/gateway-harness';
import { countUpstreamCalls } from './support/upstream-stats';

const AI = 'AISERVICES_OPT_OUT_POLICY';

describe('reading the organization through GraphQL (demo seed, real SDK against the emulator)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  const data = (query: string, variables?: Record<string, unknown>) => t.data(query, variables);

  it('lists the root with its children, OUs first, then accounts', async () => {
    const { roots } = await data(`{ roots { id name tags { key value } children { __typename id name } accounts { id } organizationalUnits { id } } }`);
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ id: 'r-demo', name: 'Root', tags: [{ key: 'owner', value: 'platform-team' }] });
    expect(roots[0].children.map((c: { __typename: string; id: string }) => `${c.__typename}:${c.id}`)).toEqual([
      'OrganizationalUnit:ou-demo-security',
      'OrganizationalUnit:ou-demo-workloads',
      'OrganizationalUnit:ou-demo-sandboxes',
      'Account:111111111111',
    ]);
    expect(roots[0].accounts).toEqual([{ id: '111111111111' }]);
  });

  it('navigates up from an account: parent and path from the root', async () => {
    const { account } = await data(`{ account(id: "555555555555") { name email state joinedMethod joinedAt parent { __typename id } path { id name } } }`);
    expect(account).toMatchObject({
      name: 'Payments Prod',
      email: 'payments-prod@example.com',
      state: 'ACTIVE',
      joinedMethod: 'CREATED',
      joinedAt: '2024-01-15T09:00:00.000Z',
    });
    expect(account.parent).toEqual({ __typename: 'OrganizationalUnit', id: 'ou-demo-payments' });
    expect(account.path.map((n: { id: string }) => n.id)).toEqual(['r-demo', 'ou-demo-workloads', 'ou-demo-production', 'ou-demo-payments']);
  });

  it('navigates down from an OU through organizationalUnits and accounts, with parent and path', async () => {
    const { organizationalUnit } = await data(`{ organizationalUnit(id: "ou-demo-workloads") {
      name tags { key value } parent { id } path { id }
      organizationalUnits { id name accounts { id } organizationalUnits { id accounts { name } } }
    } }`);
    expect(organizationalUnit).toMatchObject({
      name: 'Workloads',
      tags: [{ key: 'cost-center', value: 'cc-1000' }],
      parent: { id: 'r-demo' },
      path: [{ id: 'r-demo' }],
    });
    expect(organizationalUnit.organizationalUnits.map((o: { name: string }) => o.name)).toEqual(['Production', 'Development', 'ML Platform']);
    expect(organizationalUnit.organizationalUnits[0].organizationalUnits[0].accounts).toEqual([{ name: 'Payments Prod' }]);
  });

  it('resolves node(id) to a root, an OU, an account or a policy by the id pattern', async () => {
    const result = await data(`{
      r: node(id: "r-demo") { __typename id } o: node(id: "ou-demo-security") { __typename id }
      a: node(id: "222222222222") { __typename id } p: node(id: "p-lockcomprehend") { __typename ... on Policy { name } }
    }`);
    expect(result).toEqual({
      r: { __typename: 'Root', id: 'r-demo' },
      o: { __typename: 'OrganizationalUnit', id: 'ou-demo-security' },
      a: { __typename: 'Account', id: '222222222222' },
      p: { __typename: 'Policy', name: 'LockComprehendOptOut' },
    });
  });

  it('returns a policy with its document, exact text, SHA-256 content hash, targets and tags', async () => {
    const { policy } = await data(
      `{ policy(id: "p-allowlexoptin") { id arn name description type awsManaged content contentText contentHash targets { id } tags { key value } } }`,
    );
    expect(policy).toMatchObject({
      name: 'AllowLexOptIn',
      type: AI,
      awsManaged: false,
      targets: [{ id: 'ou-demo-mlplatform' }],
      tags: [{ key: 'approved-by', value: 'security' }],
    });
    expect(policy.arn).toMatch(/:policy\/o-orgqldemo01\/aiservices_opt_out_policy\/p-allowlexoptin$/);
    expect(policy.content).toEqual({ services: { lex: { opt_out_policy: { '@@assign': 'optIn' } } } });
    expect(JSON.parse(policy.contentText)).toEqual(policy.content);
    const { createHash } = await import('node:crypto');
    expect(policy.contentHash).toBe(createHash('sha256').update(policy.contentText).digest('hex'));
  });

  it('lists the policies attached to a node, and with inherited: true those of its ancestors with where they sit', async () => {
    const { account } = await data(`{ account(id: "999999999999") {
      direct: policies(type: ${AI}) { policy { id } }
      all: policies(type: ${AI}, inherited: true) { policy { id } target { id } inherited }
    } }`);
    expect(account.direct).toEqual([]);
    expect(account.all).toEqual([
      { policy: { id: 'p-aioptoutall' }, target: { id: 'r-demo' }, inherited: true },
      { policy: { id: 'p-lockcomprehend' }, target: { id: 'ou-demo-workloads' }, inherited: true },
      { policy: { id: 'p-allowlexoptin' }, target: { id: 'ou-demo-mlplatform' }, inherited: true },
    ]);
  });

  it('answers NOT_FOUND for ids that do not exist, keeping the rest of the query', async () => {
    const { body } = await t.graphql(
      `{ roots { id } account(id: "123456789012") { id } policy(id: "p-doesnotexist") { id } o: node(id: "ou-demo-nothere1") { id } }`,
    );
    expect(body.data).toMatchObject({ roots: [{ id: 'r-demo' }], account: null, policy: null, o: null });
    expect(body.errors!.map((e) => [e.path?.[0], e.extensions!.code])).toEqual(
      expect.arrayContaining([
        ['account', 'NOT_FOUND'],
        ['policy', 'NOT_FOUND'],
        ['o', 'NOT_FOUND'],
      ]),
    );
  });

  it('answers BAD_USER_INPUT for an id of the wrong kind', async () => {
    const { body } = await t.graphql(`{ account(id: "ou-demo-security") { id } node(id: "nonsense") { id } }`);
    expect(body.errors!.map((e) => e.extensions!.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
  });

  const REPEATED = `{ a: account(id: "444444444444") { name } b: account(id: "444444444444") { email } c: node(id: "444444444444") { id } p: policy(id: "p-aioptoutall") { name } q: policy(id: "p-aioptoutall") { content } }`;

  it('describes each entity once per request however often the query names it, when the request reads upstream', async () => {
    await mirrorSettled(t.gateway);
    const { result, stats } = await countUpstreamCalls(t.gateway.emulatorUrl!, () => t.graphql(REPEATED, undefined, READ_UPSTREAM));
    expect(result.body.errors).toBeUndefined();
    expect(result.body.extensions).toEqual({ orgql: { consistency: 'upstream' } });
    expect(stats.calls.DescribeAccount).toBe(1);
    expect(stats.calls.DescribePolicy).toBe(1);
  });

  it('answers the same query from the mirror with no upstream call at all', async () => {
    await mirrorSettled(t.gateway);
    const upstream = await t.graphql(REPEATED, undefined, READ_UPSTREAM);
    const { result, stats } = await countUpstreamCalls(t.gateway.emulatorUrl!, () => t.graphql(REPEATED));
    expect(result.body.data).toEqual(upstream.body.data);
    expect(result.body.extensions!.orgql.mirror).toEqual({ version: expect.any(Number), syncedAt: expect.any(String) });
    expect(stats.total).toBe(0);
  });
});
