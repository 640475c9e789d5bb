import { isOrgqlError } from '../../domain/errors';
import type {
  AccountPolicyImpactResolvers,
  EffectivePolicyResolvers,
  IgnoredPolicyChangeResolvers,
  PolicyValueProvenanceResolvers,
} from '../../generated/graphql';
import type { GraphQLContext } from '../context';
import { loadOrgNode } from '../org/org-node';

/** The policy behind a value; null when it exists only in a what-if (or was deleted meanwhile). */
async function policyOrNull(id: string, ctx: GraphQLContext) {
  try {
    return await ctx.loaders.policy.load(id);
  } catch (error) {
    if (isOrgqlError(error) && (error.code === 'NOT_FOUND' || error.code === 'BAD_USER_INPUT')) return null;
    throw error;
  }
}

export const EffectivePolicy: EffectivePolicyResolvers = {
  account: (effective, _args, ctx) => ctx.loaders.account.load(effective.accountId),
  provenance: (effective) => [...effective.provenance],
  ignoredChanges: (effective) => [...effective.ignoredChanges],
  lastUpdatedAt: (effective) => effective.lastUpdatedAt ?? null,
};

export const PolicyValueProvenance: PolicyValueProvenanceResolvers = {
  policy: (entry, _args, ctx) => policyOrNull(entry.policyId, ctx),
  node: (entry, _args, ctx) => loadOrgNode(ctx.loaders, entry.nodeId),
};

export const IgnoredPolicyChange: IgnoredPolicyChangeResolvers = {
  policy: (change, _args, ctx) => policyOrNull(change.policyId, ctx),
  node: (change, _args, ctx) => loadOrgNode(ctx.loaders, change.nodeId),
  lockedBy: (change, _args, ctx) => policyOrNull(change.lockedByPolicyId, ctx),
  lockedAt: (change, _args, ctx) => loadOrgNode(ctx.loaders, change.lockedAtNodeId),
};

export const AccountPolicyImpact: AccountPolicyImpactResolvers = {
  account: (impact, _args, ctx) => ctx.loaders.account.load(impact.accountId),
};
