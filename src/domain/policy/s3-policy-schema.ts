import type { ManagementGrammar } from './management-schema';
import { fields, oneOf, underTopLevelKey } from './grammar-builders';

/**
 * Amazon S3 policy syntax, AWS Organizations user guide "Amazon S3 policy syntax and examples":
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_s3_syntax.html
 * `s3_attributes` → `public_access_block_configuration` with @@assign "all" (the four S3 Block Public
 * Access settings on) or "none" (all four off). Other keys under s3_attributes are WARNINGs.
 */
export const S3_POLICY_GRAMMAR: ManagementGrammar = underTopLevelKey(
  's3_attributes',
  fields({ public_access_block_configuration: oneOf('public_access_block_configuration', ['all', 'none']) }),
);
