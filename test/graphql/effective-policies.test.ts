import { mirrorSettled, READ_UPSTREAM, startTestGateway, type TestGateway } from '../support/gateway-harness';
import { countUpstreamCalls } from './support/upstream-stats';

const AI = 'AISERVICES_OPT_OUT_POLICY';
const DEMO_ACCOUNTS = [
  '111111111111',
  '222222222222',
  '333333333333',
  '444444444444',
  '555555555555',
  '666666666666',
  '777777777777',
  '888888888888',
  '999999999999',
  '101010101010',
  '121212121212',
];

describe('effective policies, validation and what-if through GraphQL', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  const data = (query: string, variables?: Record<string, unknown>) => t.data(query, variables);

  it('computes the same effective policy as DescribeEffectivePolicy for every demo account', async () => {
    for (const accountId of DEMO_ACCOUNTS) {
      const result = await data(
        `query($id: ID!) {
        computed: effectivePolicy(accountId: $id, type: ${AI}) { source content }
        upstream: effectivePolicy(accountId: $id, type: ${AI}, source: UPSTREAM) { source content lastUpdatedAt provenance { path } }
      }`,
        { id: accountId },
      );
      expect(result.computed.source).toBe('COMPUTED');
      expect(result.upstream.source).toBe('UPSTREAM');
      expect(result.computed.content).toEqual(result.upstream.content);
      expect(result.upstream.lastUpdatedAt).toEqual(expect.any(String));
      expect(result.upstream.provenance).toEqual([]);
    }
  });

  it('explains each value with the policy and the node it comes from', async () => {
    const { account } = await data(`{ account(id: "888888888888") { effectivePolicy(type: ${AI}) {
      account { id } type content provenance { path value operator policyId policy { name } node { __typename id } }
    } } }`);
    const effective = account.effectivePolicy;
    expect(effective.content).toEqual({
      services: { default: { opt_out_policy: 'optOut' }, comprehend: { opt_out_policy: 'optOut' }, lex: { opt_out_policy: 'optIn' } },
    });
    expect(effective.provenance).toContainEqual({
      path: '$.services.lex.opt_out_policy',
      value: 'optIn',
      operator: '@@assign',
      policyId: 'p-allowlexoptin',
      policy: { name: 'AllowLexOptIn' },
      node: { __typename: 'OrganizationalUnit', id: 'ou-demo-mlplatform' },
    });
    expect(effective.account).toEqual({ id: '888888888888' });
  });

  it('computes an account path with one call per node and no call per value, when the request reads upstream', async () => {
    await mirrorSettled(t.gateway);
    const { result, stats } = await countUpstreamCalls(t.gateway.emulatorUrl!, () =>
      t.graphql(`{ effectivePolicy(accountId: "555555555555", type: ${AI}) { content } }`, undefined, READ_UPSTREAM),
    );
    expect(result.body.errors).toBeUndefined();
    // DescribeAccount gives the path; one ListPoliciesForTarget per node on it (root, 3 OUs, account); one DescribePolicy per policy.
    expect(stats.calls).toEqual({ DescribeAccount: 1, ListPoliciesForTarget: 5, DescribePolicy: 2 });
  });

  it('returns the effective policy of every account below a node in one request', async () => {
    const { effectivePolicies } = await data(`{ effectivePolicies(type: ${AI}, under: "ou-demo-workloads") { account { id name } content } }`);
    expect(effectivePolicies.map((e: { account: { id: string } }) => e.account.id)).toEqual([
      '444444444444',
      '555555555555',
      '666666666666',
      '777777777777',
      '888888888888',
      '999999999999',
    ]);
    for (const e of effectivePolicies) expect(e.content.services.comprehend).toEqual({ opt_out_policy: 'optOut' });
    const all = await data(`{ effectivePolicies(type: ${AI}) { account { id } } }`);
    expect(all.effectivePolicies).toHaveLength(11);
  });

  it('has no effective policy where no policy of the type applies', async () => {
    const result = await data(
      `{ c: effectivePolicy(accountId: "111111111111", type: TAG_POLICY) { content provenance { path } } u: effectivePolicy(accountId: "111111111111", type: TAG_POLICY, source: UPSTREAM) { content } }`,
    );
    expect(result).toEqual({ c: { content: null, provenance: [] }, u: { content: null } });
  });

  it('refuses an effective policy for authorization policy types with BAD_USER_INPUT', async () => {
    const { body } = await t.graphql(`{ effectivePolicy(accountId: "111111111111", type: SERVICE_CONTROL_POLICY) { content } }`);
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('validates a policy document with the engine without calling upstream', async () => {
    const { result, stats } = await countUpstreamCalls(t.gateway.emulatorUrl!, () =>
      data(
        `query($good: JSON!, $bad: JSON!) {
        good: validatePolicy(type: ${AI}, content: $good) { valid diagnostics { code } }
        bad: validatePolicy(type: ${AI}, content: $bad) { valid diagnostics { severity code path message line column } }
      }`,
        {
          good: { services: { lex: { opt_out_policy: { '@@assign': 'optIn' } } } },
          bad: '{\n  "services": {\n    "lex": { "opt_out_policy": { "@@append": "optIn" } }\n  }\n}',
        },
      ),
    );
    expect(result.good).toEqual({ valid: true, diagnostics: [] });
    expect(result.bad.valid).toBe(false);
    expect(result.bad.diagnostics[0]).toMatchObject({ severity: 'ERROR', code: 'OPERATOR_NOT_ALLOWED', line: 3 });
    expect(stats.total).toBe(0);
  });

  it('previews a change per affected account with before, after and diff, and changes nothing', async () => {
    const { result, stats } = await countUpstreamCalls(t.gateway.emulatorUrl!, () =>
      data(
        `query($changes: [PolicyChangeInput!]!) { previewPolicyChange(type: ${AI}, changes: $changes) {
        impacts { account { id } before { content } after { content ignoredChanges { kind path reason lockedBy { id } lockedAt { id } allowedOperators firstAttachedPolicyId } }
                  diff { added { path value } removed { path } changed { path before after } } }
        diagnostics { code }
      } }`,
        {
          changes: [
            {
              kind: 'CREATE_AND_ATTACH',
              name: 'RekognitionInForDev',
              content: { services: { rekognition: { opt_out_policy: { '@@assign': 'optIn' } }, comprehend: { opt_out_policy: { '@@assign': 'optIn' } } } },
              targetIds: ['ou-demo-development'],
            },
          ],
        },
      ),
    );
    const preview = result.previewPolicyChange;
    expect(preview.diagnostics).toEqual([]);
    expect(preview.impacts.map((i: { account: { id: string } }) => i.account.id)).toEqual(['666666666666', '777777777777']);
    const impact = preview.impacts[0];
    expect(impact.diff.added).toEqual([{ path: '$.services.rekognition', value: { opt_out_policy: 'optIn' } }]);
    // Comprehend is locked with @@none on Workloads: the child's optIn is ignored, with the reason.
    expect(impact.after.content.services.comprehend).toEqual({ opt_out_policy: 'optOut' });
    expect(impact.after.ignoredChanges[0]).toMatchObject({
      kind: 'LOCKED_BY_PARENT',
      lockedBy: { id: 'p-lockcomprehend' },
      lockedAt: { id: 'ou-demo-workloads' },
      allowedOperators: [],
      firstAttachedPolicyId: null,
    });
    expect(Object.keys(stats.calls).filter((op) => !/^(List|Describe)/.test(op))).toEqual([]);
  });

  it('says which kind each ignored change is, with lock fields only for locks', async () => {
    const polly = (setting: string) => ({ services: { polly: { opt_out_policy: { '@@assign': setting } } } });
    const { previewPolicyChange } = await data(
      `query($changes: [PolicyChangeInput!]!) { previewPolicyChange(type: ${AI}, changes: $changes) {
        impacts { account { id } after { content ignoredChanges {
          kind path policyName lockedByPolicyId lockedByPolicyName lockedBy { id } lockedAt { id } allowedOperators firstAttachedPolicyId firstAttachedPolicyName
        } } }
      } }`,
      {
        changes: [
          { kind: 'CREATE_AND_ATTACH', name: 'PollyOut', content: polly('optOut'), targetIds: ['666666666666'] },
          { kind: 'CREATE_AND_ATTACH', name: 'PollyIn', content: polly('optIn'), targetIds: ['666666666666'] },
        ],
      },
    );
    const [impact] = previewPolicyChange.impacts;
    expect(impact.account.id).toBe('666666666666');
    expect(impact.after.content.services.polly).toEqual({ opt_out_policy: 'optOut' });
    expect(impact.after.ignoredChanges).toEqual([
      {
        kind: 'SAME_NODE_CONFLICT',
        path: '$.services.polly.opt_out_policy',
        policyName: 'PollyIn',
        lockedByPolicyId: null,
        lockedByPolicyName: null,
        lockedBy: null,
        lockedAt: null,
        allowedOperators: null,
        firstAttachedPolicyId: 'p-whatif-1',
        firstAttachedPolicyName: 'PollyOut',
      },
    ]);
  });

  it('reports changes that cannot apply as diagnostics and asks for missing fields with BAD_USER_INPUT', async () => {
    const { previewPolicyChange } = await data(
      `{ previewPolicyChange(type: ${AI}, changes: [{ kind: ATTACH, policyId: "p-aioptoutall", targetId: "r-demo" }, { kind: DETACH, policyId: "p-nosuchpolicy1", targetId: "r-demo" }]) { impacts { account { id } } diagnostics { code } } }`,
    );
    expect(previewPolicyChange).toEqual({ impacts: [], diagnostics: [{ code: 'DUPLICATE_ATTACHMENT' }, { code: 'POLICY_NOT_FOUND' }] });
    const { body } = await t.graphql(`{ previewPolicyChange(type: ${AI}, changes: [{ kind: ATTACH, policyId: "p-aioptoutall" }]) { diagnostics { code } } }`);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'changes[0].targetId' });
  });
});
