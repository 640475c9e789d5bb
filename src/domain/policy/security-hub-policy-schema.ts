import type { ManagementGrammar } from './management-schema';
import { named, regionEnablement, underTopLevelKey } from './grammar-builders';

/**
 * Security Hub policy syntax, AWS Organizations user guide "Security Hub policy syntax and examples":
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_security_hub_syntax.html
 * `securityhub` → `enable_in_regions` and `disable_in_regions`, both required though they may be
 * empty, holding Region codes or `ALL_SUPPORTED` (current and future Regions); the optional
 * `features` map names features, each with its own required enable/disable lists.
 * disable_in_regions winning over enable_in_regions is Security Hub's reading of the effective
 * policy, not a merge rule, so it is not checked here.
 */
export const SECURITYHUB_POLICY_GRAMMAR: ManagementGrammar = underTopLevelKey(
  'securityhub',
  regionEnablement({ keys: { features: named(regionEnablement()) } }),
);
