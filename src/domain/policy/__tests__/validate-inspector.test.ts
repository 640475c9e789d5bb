import { problems } from './problems';

const regions = (enable: unknown, disable: unknown = { '@@assign': [] }) => ({ enable_in_regions: enable, disable_in_regions: disable });

describe('validatePolicy for Amazon Inspector policies (orgs_manage_policies_inspector_syntax)', () => {
  const scan = regions({ '@@assign': ['us-east-1', 'us-west-2'] }, { '@@assign': ['eu-west-1'] });

  it.each<[string, unknown, string[]]>([
    ['accepts the basic structure', { inspector: { enablement: { ec2_scanning: scan } } }, []],
    [
      'accepts the organization-wide example, which nests lambda_code_scanning inside lambda_standard_scanning',
      {
        inspector: {
          enablement: {
            lambda_standard_scanning: { ...scan, lambda_code_scanning: scan },
            ec2_scanning: scan,
            ecr_scanning: scan,
            code_repository_scanning: scan,
          },
        },
      },
      [],
    ],
    [
      'requires both lists for each scan type',
      { inspector: { enablement: { ecr_scanning: { enable_in_regions: { '@@assign': [] } } } } },
      ['ERROR MISSING_KEY $.inspector.enablement.ecr_scanning.disable_in_regions'],
    ],
    ['warns about an unknown scan type', { inspector: { enablement: { ec2_scan: scan } } }, ['WARNING UNKNOWN_KEY $.inspector.enablement.ec2_scan']],
    [
      'rejects an invalid Region name',
      { inspector: { enablement: { ec2_scanning: regions({ '@@assign': ['useast1'] }) } } },
      ['ERROR INVALID_VALUE $.inspector.enablement.ec2_scanning.enable_in_regions.@@assign[0]'],
    ],
    ['requires enablement', { inspector: {} }, ['ERROR MISSING_KEY $.inspector.enablement']],
  ])('%s', (_title, doc, expected) => {
    expect(problems('INSPECTOR_POLICY', doc)).toEqual(expected);
  });
});
