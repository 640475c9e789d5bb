import { isOrgqlError } from '../../domain/errors';
import type { IgnoredChange } from '../../domain/policy';
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

/** Lock fields exist only on LOCKED_BY_PARENT, the first-attached policy only on SAME_NODE_CONFLICT. */
const lock = (change: IgnoredChange) => (change.kind === 'LOCKED_BY_PARENT' ? change : null);
const conflict = (change: IgnoredChange) => (change.kind === 'SAME_NODE_CONFLICT' ? change : null);

export const IgnoredPolicyChange: IgnoredPolicyChangeResolvers = {
  kind: (change) => change.kind,
  policy: (change, _args, ctx) => policyOrNull(change.policyId, ctx),
  node: (change, _args, ctx) => loadOrgNode(ctx.loaders, change.nodeId),
  lockedByPolicyId: (change) => lock(change)?.lockedByPolicyId ?? null,
  lockedByPolicyName: (change) => lock(change)?.lockedByPolicyName ?? null,
  lockedBy: (change, _args, ctx) => {
    const locked = lock(change);
    return locked ? policyOrNull(locked.lockedByPolicyId, ctx) : null;
  },
  lockedAt: (change, _args, ctx) => {
    const locked = lock(change);
    return locked ? loadOrgNode(ctx.loaders, locked.lockedAtNodeId) : null;
  },
  allowedOperators: (change) => lock(change)?.allowedOperators ?? null,
  firstAttachedPolicyId: (change) => conflict(change)?.firstAttachedPolicyId ?? null,
  firstAttachedPolicyName: (change) => conflict(change)?.firstAttachedPolicyName ?? null,
};

export const AccountPolicyImpact: AccountPolicyImpactResolvers = {
  account: (impact, _args, ctx) => ctx.loaders.account.load(impact.accountId),
  deletesStoredContent: (impact) => impact.deletedContentServices.length > 0,
};
