import type { LockedByParent, OperatorNotApplicable, SameNodeConflict } from './effective-types';
import type { Source } from './merge-tree';
import { sortOperators, type ValueOperator } from './operators';

/** What every ignored change says about the operation itself: where, which operator, whose. */
export type Attempt = Omit<OperatorNotApplicable, 'kind' | 'reason'>;

/**
 * An inherited `@@operators_allowed_for_child_policies` forbids the operator here.
 * `allowedHere` is what all inherited locks on the path still allow together.
 */
export function lockedByParent(attempt: Attempt, owner: Source, ownerAllows: ReadonlySet<ValueOperator>, allowedHere: Iterable<ValueOperator>): LockedByParent {
  const allowedText = ownerAllows.size === 0 ? 'no operators (@@none)' : `only ${sortOperators(ownerAllows).join(', ')}`;
  return {
    kind: 'LOCKED_BY_PARENT',
    ...attempt,
    lockedByPolicyId: owner.policyId,
    lockedByPolicyName: owner.policyName,
    lockedAtNodeId: owner.nodeId,
    allowedOperators: sortOperators(allowedHere),
    reason: `@@operators_allowed_for_child_policies in policy ${owner.policyId} at ${owner.nodeId} allows ${allowedText} for child policies here.`,
  };
}

/** A later `@@assign` on a path an earlier policy attached to the same node already assigned. */
export function sameNodeConflict(attempt: Attempt, first: Source): SameNodeConflict {
  return {
    kind: 'SAME_NODE_CONFLICT',
    ...attempt,
    firstAttachedPolicyId: first.policyId,
    firstAttachedPolicyName: first.policyName,
    reason: `Policy ${first.policyId} was attached to ${attempt.nodeId} earlier and already assigns this value; the first attached policy wins.`,
  };
}

/** `@@append` / `@@remove` met an inherited value that is not an array. */
export function operatorNotApplicable(attempt: Attempt, valueOwner: Source | undefined): OperatorNotApplicable {
  const who = valueOwner ? ` (set by policy ${valueOwner.policyId} at ${valueOwner.nodeId})` : '';
  return {
    kind: 'OPERATOR_NOT_APPLICABLE',
    ...attempt,
    reason: `${attempt.operator} applies only to multi-valued settings, but the inherited value here${who} is not an array.`,
  };
}
