import { computeEffectivePolicy } from '../compute-effective-policy';
import { effectivePolicyValidationErrors } from '../effective-policy-validation-errors';
import { account, ou, policy, root } from './harness';

const values = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const selection = (operator: '@@assign' | '@@append' | '@@remove', tagValues: string[]) => ({
  plans: {
    daily: {
      selections: { tags: { datatype: { tag_key: { '@@assign': 'dataType' }, tag_value: { [operator]: tagValues } } } },
    },
  },
});
const TAG_VALUE_PATH = '$.plans.daily.selections.tags.datatype.tag_value';

function errorsFor(...path: Parameters<typeof computeEffectivePolicy>[1]) {
  return effectivePolicyValidationErrors('BACKUP_POLICY', computeEffectivePolicy('BACKUP_POLICY', path));
}

describe('effective policy validation errors', () => {
  it('reports ELEMENTS_TOO_MANY when a child appends past 30 tag values of one selection, naming both policies', () => {
    const errors = errorsFor(
      root(policy('p-rootvalues', selection('@@assign', values('root', 20)))),
      ou('ou-a', policy('p-ouappends', selection('@@append', values('ou', 15)))),
      account('111111111111'),
    );
    expect(errors).toEqual([
      {
        code: 'ELEMENTS_TOO_MANY',
        message: `${TAG_VALUE_PATH} has 35 tag values of one resource selection; at most 30 are allowed.`,
        path: TAG_VALUE_PATH,
        contributingPolicyIds: ['p-rootvalues', 'p-ouappends'],
      },
    ]);
  });

  it('finds nothing when the merged list stays within the limit', () => {
    expect(
      errorsFor(root(policy('p-r', selection('@@assign', values('root', 20)))), account('111111111111', policy('p-a', selection('@@append', values('a', 10))))),
    ).toEqual([]);
  });

  it('lets a removal bring the list back under the limit, and does not count the removing policy as a contributor', () => {
    const errors = errorsFor(
      root(policy('p-r', selection('@@assign', values('root', 20)))),
      ou('ou-a', policy('p-ou', selection('@@append', values('ou', 12)))),
      account('111111111111', policy('p-rm', selection('@@remove', values('ou', 1)))),
    );
    expect(errors.map((e) => [e.path, e.contributingPolicyIds])).toEqual([[TAG_VALUE_PATH, ['p-r', 'p-ou']]]);
    const fixed = errorsFor(
      root(policy('p-r', selection('@@assign', values('root', 20)))),
      ou('ou-a', policy('p-ou', selection('@@append', values('ou', 12)))),
      account('111111111111', policy('p-rm', selection('@@remove', values('ou', 2)))),
    );
    expect(fixed).toEqual([]);
  });

  it('counts backup plans merged from several policies against the 300-plan limit', () => {
    const plans = (prefix: string, n: number) => ({
      plans: Object.fromEntries(values(prefix, n).map((name) => [name, { regions: { '@@assign': ['us-east-1'] } }])),
    });
    const errors = errorsFor(root(policy('p-first', plans('a', 200))), account('111111111111', policy('p-second', plans('b', 101))));
    expect(errors.map((e) => [e.code, e.path, e.contributingPolicyIds])).toEqual([['ELEMENTS_TOO_MANY', '$.plans', ['p-first', 'p-second']]]);
  });

  it('never reports a type without a documented limit, nor an account with no policy', () => {
    const optOut = policy('p-opt', { services: { default: { opt_out_policy: { '@@assign': 'optOut' } } } });
    const effective = computeEffectivePolicy('AISERVICES_OPT_OUT_POLICY', [root(optOut), account('111111111111')]);
    expect(effectivePolicyValidationErrors('AISERVICES_OPT_OUT_POLICY', effective)).toEqual([]);
    expect(effectivePolicyValidationErrors('BACKUP_POLICY', { content: null, provenance: [] })).toEqual([]);
  });
});
