import { rawCall, startTestEmulator } from './harness';
import type { TestEmulator } from './harness';

/** Input validation per the model: InvalidInputException with the model's Reason values. */
describe('input validation', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({ seed: 'demo' });
  });
  afterAll(() => t.close());

  const cases: [string, string, Record<string, unknown>, string][] = [
    ['a missing required member', 'DescribeOrganizationalUnit', {}, 'INPUT_REQUIRED'],
    ['a null required member', 'ListChildren', { ParentId: null, ChildType: 'ACCOUNT' }, 'INPUT_REQUIRED'],
    ['an OU id that does not match the pattern', 'DescribeOrganizationalUnit', { OrganizationalUnitId: 'ou-DEMO-x' }, 'INVALID_PATTERN'],
    ['an account id of 11 digits', 'DescribeAccount', { AccountId: '12345678901' }, 'INVALID_PATTERN'],
    ['an account id that is too long', 'DescribeAccount', { AccountId: '1234567890123' }, 'MAX_LENGTH_EXCEEDED'],
    ['a parent id with an unanchored match', 'ListChildren', { ParentId: 'r-demo/../x', ChildType: 'ACCOUNT' }, 'INVALID_PATTERN'],
    ['an unknown ChildType', 'ListChildren', { ParentId: 'r-demo', ChildType: 'POLICY' }, 'INVALID_ENUM'],
    ['an unknown policy type', 'ListPolicies', { Filter: 'MAGIC_POLICY' }, 'INVALID_ENUM_POLICY_TYPE'],
    ['MaxResults of 0', 'ListAccounts', { MaxResults: 0 }, 'MIN_VALUE_EXCEEDED'],
    ['MaxResults of 21', 'ListAccounts', { MaxResults: 21 }, 'MAX_VALUE_EXCEEDED'],
    ['an empty OU name', 'CreateOrganizationalUnit', { ParentId: 'r-demo', Name: '' }, 'MIN_LENGTH_EXCEEDED'],
    ['an OU name over 128 characters', 'CreateOrganizationalUnit', { ParentId: 'r-demo', Name: 'x'.repeat(129) }, 'MAX_LENGTH_EXCEEDED'],
    ['a policy target id of the wrong shape', 'AttachPolicy', { PolicyId: 'p-aioptoutall', TargetId: 'o-orgqldemo01' }, 'INVALID_PATTERN_TARGET_ID'],
    ['a policy id of the wrong shape', 'DescribePolicy', { PolicyId: 'p-short' }, 'INVALID_SYNTAX_POLICY_ID'],
    [
      'a description over 512 characters',
      'CreatePolicy',
      { Name: 'n', Description: 'x'.repeat(513), Type: 'TAG_POLICY', Content: '{}' },
      'MAX_LENGTH_EXCEEDED',
    ],
    ['an email without a domain', 'CreateAccount', { Email: 'nobody-here', AccountName: 'x' }, 'INVALID_PATTERN'],
    ['an invalid role name', 'CreateAccount', { Email: 'a@example.com', AccountName: 'x', RoleName: 'bad role' }, 'INVALID_ROLE_NAME'],
    ['a tag without a value', 'TagResource', { ResourceId: 'r-demo', Tags: [{ Key: 'k' }] }, 'INPUT_REQUIRED'],
    ['a tag key with forbidden characters', 'TagResource', { ResourceId: 'r-demo', Tags: [{ Key: 'a*b', Value: '' }] }, 'INVALID_PATTERN'],
    ['a create-account request id of the wrong shape', 'DescribeCreateAccountStatus', { CreateAccountRequestId: 'car-X' }, 'INVALID_PATTERN'],
    ['a NextToken that is not ours', 'ListAccounts', { NextToken: 'not-a-token' }, 'INVALID_NEXT_TOKEN'],
  ];

  it.each(cases)('rejects %s', async (_label, op, input, reason) => {
    const res = await rawCall(t.emulator.url, op, JSON.stringify(input));
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ __type: 'InvalidInputException', Reason: reason });
  });

  it('accepts an empty policy description, which the model allows', async () => {
    const res = await rawCall(
      t.emulator.url,
      'CreatePolicy',
      JSON.stringify({
        Name: 'EmptyDesc',
        Description: '',
        Type: 'AISERVICES_OPT_OUT_POLICY',
        Content: '{"services":{"lex":{"opt_out_policy":{"@@assign":"optIn"}}}}',
      }),
    );
    expect(res.status).toBe(200);
  });
});
