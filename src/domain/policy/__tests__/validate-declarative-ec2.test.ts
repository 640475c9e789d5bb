import { problems } from './problems';

const assign = (value: unknown) => ({ '@@assign': value });

describe('validatePolicy for declarative policies for EC2 (orgs_manage_policies_declarative_syntax)', () => {
  const vpcBpa = (block: unknown) => ({ ec2_attributes: { vpc_block_public_access: { internet_gateway_block: block } } });

  it.each<[string, unknown, string[]]>([
    [
      'accepts the basic syntax with a custom exception message',
      { ec2_attributes: { exception_message: assign('Your custom error message.https://myURL') } },
      [],
    ],
    ['accepts VPC Block Public Access as documented', vpcBpa({ mode: assign('block_ingress'), exclusions_allowed: assign('enabled') }), []],
    [
      'accepts the other supported attributes',
      {
        ec2_attributes: {
          serial_console_access: { status: assign('enabled') },
          image_block_public_access: { state: assign('block_new_sharing') },
          allowed_images_settings: { state: assign('enabled'), image_criteria: { criteria_1: { allowed_image_providers: { '@@append': ['amazon'] } } } },
          instance_metadata_defaults: {
            http_tokens: assign('required'),
            http_put_response_hop_limit: assign('4'),
            http_endpoint: assign('enabled'),
            instance_metadata_tags: assign('enabled'),
          },
          snapshot_block_public_access: { state: assign('block_all_sharing') },
        },
      },
      [],
    ],
    [
      'rejects an unknown VPC BPA mode',
      vpcBpa({ mode: assign('block_egress'), exclusions_allowed: assign('enabled') }),
      ['ERROR INVALID_VALUE $.ec2_attributes.vpc_block_public_access.internet_gateway_block.mode.@@assign'],
    ],
    [
      'requires both VPC BPA settings',
      vpcBpa({ mode: assign('off') }),
      ['ERROR MISSING_KEY $.ec2_attributes.vpc_block_public_access.internet_gateway_block.exclusions_allowed'],
    ],
    [
      'warns about the EC2 API spelling of a snapshot state',
      { ec2_attributes: { snapshot_block_public_access: { state: assign('block-all-sharing') } } },
      ['WARNING INVALID_VALUE $.ec2_attributes.snapshot_block_public_access.state.@@assign'],
    ],
    [
      'warns about a hop limit out of range',
      { ec2_attributes: { instance_metadata_defaults: { http_put_response_hop_limit: assign(65) } } },
      ['WARNING INVALID_VALUE $.ec2_attributes.instance_metadata_defaults.http_put_response_hop_limit.@@assign'],
    ],
    [
      'warns about an attribute the page does not list',
      { ec2_attributes: { ebs_encryption_by_default: { state: assign('enabled') } } },
      ['WARNING UNKNOWN_KEY $.ec2_attributes.ebs_encryption_by_default'],
    ],
    [
      'rejects an attribute outside ec2_attributes',
      { vpc_block_public_access: {} },
      ['ERROR UNKNOWN_KEY $.vpc_block_public_access', 'ERROR MISSING_KEY $.ec2_attributes'],
    ],
  ])('%s', (_title, doc, expected) => {
    expect(problems('DECLARATIVE_POLICY_EC2', doc)).toEqual(expected);
  });
});
