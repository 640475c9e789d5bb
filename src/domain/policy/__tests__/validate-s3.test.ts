import { problems } from './problems';

describe('validatePolicy for Amazon S3 policies (orgs_manage_policies_s3_syntax)', () => {
  it.each<[string, unknown, string[]]>([
    ['accepts "all"', { s3_attributes: { public_access_block_configuration: { '@@assign': 'all' } } }, []],
    ['accepts "none"', { s3_attributes: { public_access_block_configuration: { '@@assign': 'none' } } }, []],
    [
      'rejects a boolean',
      { s3_attributes: { public_access_block_configuration: { '@@assign': true } } },
      ['ERROR INVALID_VALUE $.s3_attributes.public_access_block_configuration.@@assign'],
    ],
    [
      'rejects one of the four settings by its API name',
      { s3_attributes: { public_access_block_configuration: { '@@assign': 'BlockPublicAcls' } } },
      ['ERROR INVALID_VALUE $.s3_attributes.public_access_block_configuration.@@assign'],
    ],
    [
      'rejects @@append on the single-valued setting',
      { s3_attributes: { public_access_block_configuration: { '@@append': ['all'] } } },
      ['ERROR OPERATOR_NOT_ALLOWED $.s3_attributes.public_access_block_configuration.@@append'],
    ],
  ])('%s', (_title, doc, expected) => {
    expect(problems('S3_POLICY', doc)).toEqual(expected);
  });
});
