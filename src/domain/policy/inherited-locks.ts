import type { NodeKind } from './effective-types';
import { pathKeyOf } from './compile-policy';
import { governs, type Lock } from './lock-scope';
import type { Container } from './merge-tree';
import { sortOperators, VALUE_OPERATORS, type ValueOperator } from './operators';

/** The policy whose `@@operators_allowed_for_child_policies` list forbids an operator, and where it is attached. */
export interface LockHolder {
  readonly policyId: string;
  readonly policyName: string;
  readonly nodeId: string;
  readonly nodeKind: NodeKind;
}

/** What child policies may do at one path: the operators left, and the first lock that forbids each one taken away. */
export interface ChildControlAt {
  readonly allowed: readonly ValueOperator[];
  readonly forbiddenBy: Readonly<Partial<Record<ValueOperator, LockHolder>>>;
}

/**
 * The child-control lists a node inherits from the nodes above it (user guide, "Policy syntax and
 * inheritance for management policy types", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_mgmt.html):
 * the same rule applyNode uses to ignore a change (lock-scope.ts `governs`): a lock on P governs P,
 * below P and above P, except keys the node does not inherit below a lock that allows `@@append`.
 * `inherited` is the document the node inherits.
 */
export interface InheritedLocks {
  at(keys: readonly string[]): ChildControlAt;
}

export function inheritedLocks(locks: readonly Lock[], inherited: Container): InheritedLocks {
  return {
    at(keys) {
      const pathKey = pathKeyOf(keys);
      const allowed = new Set<ValueOperator>(VALUE_OPERATORS);
      const forbiddenBy: Partial<Record<ValueOperator, LockHolder>> = {};
      for (const lock of locks) {
        if (!governs(lock, keys, pathKey, inherited)) continue;
        for (const op of VALUE_OPERATORS) {
          if (lock.allowed.has(op) || forbiddenBy[op]) continue;
          allowed.delete(op);
          const { policyId, policyName, nodeId, nodeKind } = lock.source;
          forbiddenBy[op] = { policyId, policyName, nodeId, nodeKind };
        }
      }
      return { allowed: sortOperators(allowed), forbiddenBy };
    },
  };
}
