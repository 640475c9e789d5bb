import { problems } from './problems';

const regions = (enable: unknown, disable: unknown = { '@@assign': [] }) => ({ enable_in_regions: enable, disable_in_regions: disable });

describe('validatePolicy for Security Hub policies (orgs_manage_policies_security_hub_syntax)', () => {
  it.each<[string, unknown, string[]]>([
    [
      'accepts the basic structure: @@append ALL_SUPPORTED with child controls',
      {
        securityhub: {
          enable_in_regions: { '@@append': ['ALL_SUPPORTED'], '@@operators_allowed_for_child_policies': ['@@all'] },
          disable_in_regions: { '@@append': [], '@@operators_allowed_for_child_policies': ['@@all'] },
        },
      },
      [],
    ],
    ['accepts enabling in every Region with an empty disable list', { securityhub: regions({ '@@assign': ['ALL_SUPPORTED'] }) }, []],
    ['accepts disabling everywhere', { securityhub: regions({ '@@assign': [] }, { '@@assign': ['ALL_SUPPORTED'] }) }, []],
    [
      'accepts a features map with its own lists',
      { securityhub: { ...regions({ '@@assign': ['us-east-1'] }), features: { some_feature: regions({ '@@assign': ['us-east-1'] }) } } },
      [],
    ],
    ['requires both lists', { securityhub: { enable_in_regions: { '@@assign': ['us-east-1'] } } }, ['ERROR MISSING_KEY $.securityhub.disable_in_regions']],
    [
      'rejects bare arrays without an operator',
      { securityhub: { enable_in_regions: ['us-east-1'], disable_in_regions: [] } },
      ['ERROR MISSING_OPERATOR $.securityhub.enable_in_regions', 'ERROR MISSING_OPERATOR $.securityhub.disable_in_regions'],
    ],
    [
      'rejects a Region name in the wrong case and a misspelt ALL_SUPPORTED',
      { securityhub: regions({ '@@assign': ['US-EAST-1', 'all_supported'] }) },
      ['ERROR INVALID_VALUE $.securityhub.enable_in_regions.@@assign[0]', 'ERROR INVALID_VALUE $.securityhub.enable_in_regions.@@assign[1]'],
    ],
    [
      'rejects a single Region given as a string',
      { securityhub: regions({ '@@assign': 'us-east-1' }) },
      ['ERROR INVALID_VALUE $.securityhub.enable_in_regions.@@assign'],
    ],
    ['requires the securityhub top-level key', { security_hub: {} }, ['ERROR UNKNOWN_KEY $.security_hub', 'ERROR MISSING_KEY $.securityhub']],
  ])('%s', (_title, doc, expected) => {
    expect(problems('SECURITYHUB_POLICY', doc)).toEqual(expected);
  });
});
