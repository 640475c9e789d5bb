import { problems } from './problems';

const regions = (enable: unknown, disable: unknown = { '@@assign': [] }) => ({ enable_in_regions: enable, disable_in_regions: disable });

describe('validatePolicy for network security director policies (orgs_manage_policies_network_security_director_syntax)', () => {
  it.each<[string, unknown, string[]]>([
    // The page's example has a stray comma and brace; this is the same document as valid JSON.
    [
      'accepts the basic structure',
      { network_security_director: { enablement: { network_security_scan: regions({ '@@assign': ['us-east-1', 'eu-west-1'] }) } } },
      [],
    ],
    [
      'accepts one list alone',
      { network_security_director: { enablement: { network_security_scan: { enable_in_regions: { '@@append': ['us-east-1'] } } } } },
      [],
    ],
    [
      'rejects an invalid Region name',
      { network_security_director: { enablement: { network_security_scan: regions({ '@@assign': ['Europe'] }) } } },
      ['ERROR INVALID_VALUE $.network_security_director.enablement.network_security_scan.enable_in_regions.@@assign[0]'],
    ],
    [
      'rejects the service name as the top-level key',
      { networksecuritydirector: {} },
      ['ERROR UNKNOWN_KEY $.networksecuritydirector', 'ERROR MISSING_KEY $.network_security_director'],
    ],
  ])('%s', (_title, doc, expected) => {
    expect(problems('NETWORK_SECURITY_DIRECTOR_POLICY', doc)).toEqual(expected);
  });
});
