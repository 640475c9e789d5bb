import { ListAccountsWithInvalidEffectivePolicyCommand, ListEffectivePolicyValidationErrorsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mirrorSettled, startTestGateway, type TestGateway } from '../support/gateway-harness';
import { countUpstreamCalls } from './support/upstream-stats';

const values = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
/** One plan, one resource selection; AWS Backup allows 30 tag values per selection in a backup policy. */
const selection = (operator: '@@assign' | '@@append', n: number, prefix: string) => ({
  plans: {
    daily: {
      selections: {
        tags: {
          datatype: {
            iam_role_arn: { '@@assign': 'arn:aws:iam::$account:role/BackupRole' },
            tag_key: { '@@assign': 'dataType' },
            tag_value: { [operator]: values(prefix, n) },
          },
        },
      },
    },
  },
});

const INVALID = `query($under: ID) { invalidEffectivePolicies(type: BACKUP_POLICY, under: $under) {
  accountId account { id name } type errors { code message path contributingPolicyIds contributingPolicies { id name } }
} }`;

interface InvalidEntry {
  accountId: string;
  errors: Array<{ code: string; message: string; path: string; contributingPolicyIds: string[]; contributingPolicies: Array<{ id: string; name: string }> }>;
}

describe('invalidEffectivePolicies through GraphQL', () => {
  let t: TestGateway;
  let client: OrganizationsClient;
  const policyIds: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestGateway();
    client = new OrganizationsClient({
      endpoint: t.gateway.emulatorUrl!,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    await t.data(`mutation { enablePolicyType(rootId: "r-demo", type: BACKUP_POLICY) { auditEventId } }`);
    for (const [name, content, target] of [
      ['TwentyValues', selection('@@assign', 20, 'base'), 'r-demo'],
      ['FifteenMore', selection('@@append', 15, 'more'), 'ou-demo-development'],
      ['FiveMore', selection('@@append', 5, 'few'), 'ou-demo-security'],
    ] as const) {
      const created = await t.data(`mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { policy { id } } }`, {
        input: { name, type: 'BACKUP_POLICY', content },
      });
      policyIds[name] = created.createPolicy.policy.id as string;
      await t.data(`mutation($p: ID!, $t: ID!) { attachPolicy(policyId: $p, targetId: $t) { auditEventId } }`, { p: policyIds[name], t: target });
    }
  });
  afterAll(async () => {
    client.destroy();
    await t.close();
  });

  it('lists the accounts whose merged tag values exceed the limit, with path, message and contributing policies, from the mirror alone', async () => {
    await mirrorSettled(t.gateway);
    const { result, stats } = await countUpstreamCalls(t.gateway.emulatorUrl!, () => t.data(INVALID));
    expect(stats.total).toBe(0);
    const invalid = result.invalidEffectivePolicies as InvalidEntry[];
    expect(invalid.map((entry) => entry.accountId)).toEqual(['666666666666', '777777777777']);
    expect(invalid[0]).toEqual({
      accountId: '666666666666',
      account: { id: '666666666666', name: 'Web Dev' },
      type: 'BACKUP_POLICY',
      errors: [
        {
          code: 'ELEMENTS_TOO_MANY',
          message: '$.plans.daily.selections.tags.datatype.tag_value has 35 tag values of one resource selection; at most 30 are allowed.',
          path: '$.plans.daily.selections.tags.datatype.tag_value',
          contributingPolicyIds: [policyIds.TwentyValues, policyIds.FifteenMore],
          contributingPolicies: [
            { id: policyIds.TwentyValues, name: 'TwentyValues' },
            { id: policyIds.FifteenMore, name: 'FifteenMore' },
          ],
        },
      ],
    });
  });

  it('agrees with the emulator account by account (ListAccountsWithInvalidEffectivePolicy, ListEffectivePolicyValidationErrors)', async () => {
    const invalid = (await t.data(INVALID)).invalidEffectivePolicies as InvalidEntry[];
    const listed = await client.send(new ListAccountsWithInvalidEffectivePolicyCommand({ PolicyType: 'BACKUP_POLICY' }));
    expect(invalid.map((entry) => entry.accountId)).toEqual((listed.Accounts ?? []).map((account) => account.Id));
    const { accounts } = await t.data(`{ accounts(first: 100) { edges { node { id } } } }`);
    for (const { node } of accounts.edges as Array<{ node: { id: string } }>) {
      const upstream = await client.send(new ListEffectivePolicyValidationErrorsCommand({ AccountId: node.id, PolicyType: 'BACKUP_POLICY' }));
      const ours = invalid.find((entry) => entry.accountId === node.id)?.errors ?? [];
      expect({ account: node.id, errors: ours.map((e) => [e.code, e.message, e.path, e.contributingPolicyIds]) }).toEqual({
        account: node.id,
        errors: (upstream.EffectivePolicyValidationErrors ?? []).map((e) => [e.ErrorCode, e.ErrorMessage, e.PathToError, e.ContributingPolicies]),
      });
    }
  });

  it('is empty below a node where every effective policy is valid, and for a type with no documented limit', async () => {
    expect((await t.data(INVALID, { under: 'ou-demo-security' })).invalidEffectivePolicies).toEqual([]);
    expect((await t.data(`{ invalidEffectivePolicies(type: AISERVICES_OPT_OUT_POLICY) { accountId } }`)).invalidEffectivePolicies).toEqual([]);
  });

  it('refuses authorization policy types with BAD_USER_INPUT', async () => {
    const { body } = await t.graphql(`{ invalidEffectivePolicies(type: SERVICE_CONTROL_POLICY) { accountId } }`);
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});
