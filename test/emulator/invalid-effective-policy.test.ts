import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  EnablePolicyTypeCommand,
  ListAccountsWithInvalidEffectivePolicyCommand,
  ListEffectivePolicyValidationErrorsCommand,
  paginateListAccountsWithInvalidEffectivePolicy,
  paginateListEffectivePolicyValidationErrors,
} from '@aws-sdk/client-organizations';
import type { EffectivePolicyType, OrganizationsClient } from '@aws-sdk/client-organizations';
import { expectAwsError, startTestEmulator } from './harness';
import type { TestEmulator } from './harness';

const BACKUP = 'BACKUP_POLICY';
const values = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
/** Two resource selections of one plan; AWS Backup allows 30 tag values per selection in a backup policy. */
const selections = (operator: '@@assign' | '@@append', n: number, prefix: string) => ({
  plans: {
    daily: {
      selections: {
        tags: Object.fromEntries(
          ['datatype', 'owner'].map((name) => [
            name,
            {
              iam_role_arn: { '@@assign': 'arn:aws:iam::$account:role/BackupRole' },
              tag_key: { '@@assign': name },
              tag_value: { [operator]: values(`${prefix}-${name}`, n) },
            },
          ]),
        ),
      },
    },
  },
});
/** Accounts below ou-demo-workloads in the demo seed, in ListAccounts order. */
const WORKLOAD_ACCOUNTS = ['444444444444', '555555555555', '666666666666', '777777777777', '888888888888', '999999999999'];

async function createBackupPolicy(client: OrganizationsClient, name: string, content: unknown): Promise<string> {
  const { Policy } = await client.send(new CreatePolicyCommand({ Name: name, Description: '', Type: BACKUP, Content: JSON.stringify(content) }));
  return Policy!.PolicySummary!.Id!;
}

/** Runs a boto3 script against the emulator (asynchronously: the emulator answers in this process) and returns what it printed as JSON. */
async function boto3(endpoint: string, script: string): Promise<unknown> {
  const prelude = [
    'import boto3, json, botocore.exceptions',
    `org = boto3.client('organizations', endpoint_url=${JSON.stringify(endpoint)}, region_name='us-east-1', aws_access_key_id='x', aws_secret_access_key='x')`,
    'def code(call, **kw):',
    '    try:',
    '        call(**kw)',
    "        return 'no error'",
    '    except botocore.exceptions.ClientError as e:',
    "        return e.response['Error']['Code']",
  ].join('\n');
  const { stdout } = await promisify(execFile)('python3', ['-c', `${prelude}\n${script}`], { encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(stdout) as unknown;
}

describe('invalid effective policies in the emulator', () => {
  let t: TestEmulator;
  let base: string;
  beforeAll(async () => {
    t = await startTestEmulator({ seed: 'demo' });
    await t.client.send(new EnablePolicyTypeCommand({ RootId: 'r-demo', PolicyType: BACKUP }));
    base = await createBackupPolicy(t.client, 'TwentyValues', selections('@@assign', 20, 'base'));
  });
  afterAll(() => t.close());

  const invalidAccounts = async (PolicyType: EffectivePolicyType = BACKUP, MaxResults?: number) => {
    const ids: string[] = [];
    let pages = 0;
    for await (const page of paginateListAccountsWithInvalidEffectivePolicy({ client: t.client, pageSize: MaxResults }, { PolicyType })) {
      pages += 1;
      expect(page.PolicyType).toBe(PolicyType);
      ids.push(...(page.Accounts ?? []).map((a) => a.Id!));
    }
    return { ids, pages };
  };

  describe('while no effective policy breaks a limit', () => {
    it('says the account has no effective policy before any backup policy is attached', async () => {
      await expectAwsError(
        t.client.send(new ListEffectivePolicyValidationErrorsCommand({ AccountId: '222222222222', PolicyType: BACKUP })),
        'EffectivePolicyNotFoundException',
      );
    });

    it('lists no account, and no error for an account whose merged policy is within the limits', async () => {
      await t.client.send(new AttachPolicyCommand({ PolicyId: base, TargetId: 'r-demo' }));
      expect(await invalidAccounts()).toEqual({ ids: [], pages: 1 });
      const answer = await t.client.send(new ListEffectivePolicyValidationErrorsCommand({ AccountId: '555555555555', PolicyType: BACKUP }));
      expect(answer).toMatchObject({ AccountId: '555555555555', PolicyType: BACKUP, EffectivePolicyValidationErrors: [] });
      expect(answer.NextToken).toBeUndefined();
    });
  });

  describe('once an OU policy appends past the limit', () => {
    let more: string;
    beforeAll(async () => {
      more = await createBackupPolicy(t.client, 'FifteenMore', selections('@@append', 15, 'more'));
      await t.client.send(new AttachPolicyCommand({ PolicyId: more, TargetId: 'ou-demo-workloads' }));
    });

    it('lists exactly the accounts below that OU, page by page', async () => {
      expect(await invalidAccounts(BACKUP, 4)).toEqual({ ids: WORKLOAD_ACCOUNTS, pages: 2 });
      const first = await t.client.send(new ListAccountsWithInvalidEffectivePolicyCommand({ PolicyType: BACKUP, MaxResults: 4 }));
      expect(first.Accounts?.[0]).toMatchObject({ Id: '444444444444', Name: 'Web Prod', State: 'ACTIVE', Arn: expect.stringContaining('444444444444') });
      expect(first.NextToken).toEqual(expect.any(String));
    });

    it('gives each broken list with its path, message and contributing policies, with the account path and evaluation time', async () => {
      const answer = await t.client.send(new ListEffectivePolicyValidationErrorsCommand({ AccountId: '555555555555', PolicyType: BACKUP }));
      expect(answer).toMatchObject({
        AccountId: '555555555555',
        PolicyType: BACKUP,
        Path: 'o-orgqldemo01/r-demo/ou-demo-workloads/ou-demo-production/ou-demo-payments/555555555555/',
        EvaluationTimestamp: expect.any(Date),
      });
      expect(answer.EffectivePolicyValidationErrors).toEqual(
        ['datatype', 'owner'].map((selection) => ({
          ErrorCode: 'ELEMENTS_TOO_MANY',
          ErrorMessage: `$.plans.daily.selections.tags.${selection}.tag_value has 35 tag values of one resource selection; at most 30 are allowed.`,
          PathToError: `$.plans.daily.selections.tags.${selection}.tag_value`,
          ContributingPolicies: [base, more],
        })),
      );
    });

    it('pages the validation errors with MaxResults', async () => {
      const paths: string[] = [];
      let pages = 0;
      const pager = paginateListEffectivePolicyValidationErrors({ client: t.client, pageSize: 1 }, { AccountId: '555555555555', PolicyType: BACKUP });
      for await (const page of pager) {
        pages += 1;
        paths.push(...(page.EffectivePolicyValidationErrors ?? []).map((e) => e.PathToError!));
      }
      expect({ pages, paths }).toEqual({
        pages: 2,
        paths: ['$.plans.daily.selections.tags.datatype.tag_value', '$.plans.daily.selections.tags.owner.tag_value'],
      });
    });

    it('refuses an unknown account, a type that is not enabled, an authorization type and a malformed id', async () => {
      const errors = (AccountId: string, PolicyType: string) =>
        t.client.send(new ListEffectivePolicyValidationErrorsCommand({ AccountId, PolicyType: PolicyType as EffectivePolicyType }));
      await expectAwsError(errors('000000000000', BACKUP), 'AccountNotFoundException');
      await expectAwsError(errors('555555555555', 'TAG_POLICY'), 'EffectivePolicyNotFoundException');
      await expectAwsError(t.client.send(new ListAccountsWithInvalidEffectivePolicyCommand({ PolicyType: 'TAG_POLICY' })), 'EffectivePolicyNotFoundException');
      await expectAwsError(errors('555555555555', 'SERVICE_CONTROL_POLICY'), 'InvalidInputException', 'INVALID_ENUM_POLICY_TYPE');
      await expectAwsError(
        t.client.send(new ListAccountsWithInvalidEffectivePolicyCommand({ PolicyType: 'SERVICE_CONTROL_POLICY' as EffectivePolicyType })),
        'InvalidInputException',
        'INVALID_ENUM_POLICY_TYPE',
      );
      await expectAwsError(errors('5555', BACKUP), 'InvalidInputException', 'INVALID_PATTERN');
      await expectAwsError(
        t.client.send(new ListAccountsWithInvalidEffectivePolicyCommand({ PolicyType: BACKUP, MaxResults: 21 })),
        'InvalidInputException',
        'MAX_VALUE_EXCEEDED',
      );
    });

    it('answers boto3 the same, through its paginators and its error codes', async () => {
      const result = await boto3(
        t.emulator.url,
        `
accounts = [a['Id'] for page in org.get_paginator('list_accounts_with_invalid_effective_policy').paginate(PolicyType='BACKUP_POLICY', PaginationConfig={'PageSize': 4}) for a in page['Accounts']]
pages = list(org.get_paginator('list_effective_policy_validation_errors').paginate(AccountId='555555555555', PolicyType='BACKUP_POLICY', PaginationConfig={'PageSize': 1}))
errors = [e for page in pages for e in page['EffectivePolicyValidationErrors']]
print(json.dumps({
  'accounts': accounts,
  'errorPages': len(pages),
  'errors': [[e['ErrorCode'], e['PathToError'], e['ContributingPolicies']] for e in errors],
  'path': pages[0]['Path'],
  'valid': org.list_effective_policy_validation_errors(AccountId='222222222222', PolicyType='BACKUP_POLICY')['EffectivePolicyValidationErrors'],
  'unknownAccount': code(org.list_effective_policy_validation_errors, AccountId='000000000000', PolicyType='BACKUP_POLICY'),
  'notEnabled': code(org.list_accounts_with_invalid_effective_policy, PolicyType='TAG_POLICY'),
  'badType': code(org.list_accounts_with_invalid_effective_policy, PolicyType='SERVICE_CONTROL_POLICY'),
}))
`,
      );
      expect(result).toEqual({
        accounts: WORKLOAD_ACCOUNTS,
        errorPages: 2,
        errors: ['datatype', 'owner'].map((s) => ['ELEMENTS_TOO_MANY', `$.plans.daily.selections.tags.${s}.tag_value`, [base, more]]),
        path: 'o-orgqldemo01/r-demo/ou-demo-workloads/ou-demo-production/ou-demo-payments/555555555555/',
        valid: [],
        unknownAccount: 'AccountNotFoundException',
        notEnabled: 'EffectivePolicyNotFoundException',
        badType: 'InvalidInputException',
      });
    });
  });
});
