import type { ManagementGrammar } from './management-schema';
import { fields, regionEnablement, underTopLevelKey } from './grammar-builders';

/**
 * AWS Shield network security director policy syntax, AWS Organizations user guide "Network security
 * director policy syntax and examples":
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_network_security_director_syntax.html
 * `network_security_director` → `enablement` → `network_security_scan` → `enable_in_regions` /
 * `disable_in_regions` (Region codes). The page does not say that both lists are required, so
 * either may be left out. Undocumented keys are WARNINGs.
 */
export const NETWORK_SECURITY_DIRECTOR_POLICY_GRAMMAR: ManagementGrammar = underTopLevelKey(
  'network_security_director',
  fields({ enablement: fields({ network_security_scan: regionEnablement({}, false) }) }),
);
