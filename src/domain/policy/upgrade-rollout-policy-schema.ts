import type { ManagementGrammar } from './management-schema';
import { fields, named, oneOf, underTopLevelKey } from './grammar-builders';

/**
 * Upgrade rollout policy syntax, AWS Organizations user guide "Upgrade rollout policy syntax and
 * examples": https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_upgrade_syntax.html
 * `upgrade_rollout` → `default.patch_order` and `tags` → tag key → `tag_values` → tag value →
 * `patch_order`, each @@assign "first", "second" or "last" (resources with no order get "second").
 * The page gives the maximum policy size as 5,120 bytes (policyTypeLimits).
 */
const patchOrder = fields({ patch_order: oneOf('patch_order', ['first', 'second', 'last']) });

export const UPGRADE_ROLLOUT_POLICY_GRAMMAR: ManagementGrammar = underTopLevelKey(
  'upgrade_rollout',
  fields({
    default: patchOrder,
    tags: named(fields({ tag_values: named(patchOrder) }, { required: ['tag_values'] })),
  }),
);
