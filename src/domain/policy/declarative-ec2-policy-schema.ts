import type { Report } from './diagnostic';
import type { ManagementGrammar, SettingSchema } from './management-schema';
import { ASSIGN } from './operators';
import { assignString, fields, named, oneOf, stringList, underTopLevelKey } from './grammar-builders';

/**
 * Declarative policy (EC2) syntax, AWS Organizations user guide "Declarative policy syntax and
 * examples": https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_declarative_syntax.html
 * `ec2_attributes` → `exception_message` (custom error message) and the supported attributes:
 * vpc_block_public_access, serial_console_access, image_block_public_access,
 * allowed_images_settings, instance_metadata_defaults, snapshot_block_public_access.
 * VPC Block Public Access is checked as the page shows it (`internet_gateway_block` with the
 * required `mode` off | block_ingress | block_bidirectional and `exclusions_allowed` enabled |
 * disabled): values outside the set are ERRORs. For the other attributes we could not read the
 * page's section in full, so their value sets (from the EC2 API's own enums) give WARNINGs only,
 * and an attribute the page does not list is a WARNING too (EC2 keeps adding attributes).
 */
const toggle = ['enabled', 'disabled'];
const preference = ['no_preference', ...toggle];

const hopLimit: SettingSchema = {
  kind: 'setting',
  operators: [ASSIGN],
  checkValue: (value: unknown, _op: unknown, path: string, report: Report) => {
    const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
    if (!(typeof n === 'number' && Number.isInteger(n) && (n === -1 || (n >= 1 && n <= 64)))) {
      report(
        'WARNING',
        'INVALID_VALUE',
        path,
        `http_put_response_hop_limit is -1 (no preference) or a whole number from 1 to 64, got ${JSON.stringify(value)}.`,
      );
    }
  },
};

const imageCriteria = fields({
  allowed_image_providers: stringList('allowed_image_providers'),
  image_names: stringList('image_names'),
  marketplace_product_codes: stringList('marketplace_product_codes'),
});

export const DECLARATIVE_POLICY_EC2_GRAMMAR: ManagementGrammar = underTopLevelKey(
  'ec2_attributes',
  fields({
    exception_message: assignString('exception_message'),
    vpc_block_public_access: fields({
      internet_gateway_block: fields(
        { mode: oneOf('mode', ['off', 'block_ingress', 'block_bidirectional']), exclusions_allowed: oneOf('exclusions_allowed', toggle) },
        { required: ['mode', 'exclusions_allowed'] },
      ),
    }),
    serial_console_access: fields({ status: oneOf('status', toggle, 'WARNING') }),
    image_block_public_access: fields({ state: oneOf('state', ['unblocked', 'block_new_sharing'], 'WARNING') }),
    allowed_images_settings: fields({
      state: oneOf('state', ['enabled', 'disabled', 'audit_mode'], 'WARNING'),
      image_criteria: named(imageCriteria, undefined, 10),
    }),
    instance_metadata_defaults: fields({
      http_tokens: oneOf('http_tokens', ['no_preference', 'required', 'optional'], 'WARNING'),
      http_put_response_hop_limit: hopLimit,
      http_endpoint: oneOf('http_endpoint', preference, 'WARNING'),
      instance_metadata_tags: oneOf('instance_metadata_tags', preference, 'WARNING'),
      http_tokens_enforced: oneOf('http_tokens_enforced', preference, 'WARNING'),
    }),
    snapshot_block_public_access: fields({ state: oneOf('state', ['unblocked', 'block_new_sharing', 'block_all_sharing'], 'WARNING') }),
  }),
);
