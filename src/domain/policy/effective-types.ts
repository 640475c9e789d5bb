/** Public shapes of the effective-policy engine (see index.ts for the API contract). */
export interface AttachedPolicy {
  id: string;
  name: string;
  /** raw JSON text, already valid */ content: string;
}

export type NodeKind = 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';

export interface PathNode {
  id: string;
  kind: NodeKind;
  name: string;
  /** of ONE type, in attachment order */
  policies: AttachedPolicy[];
}

export interface TreeNode {
  id: string;
  kind: NodeKind;
  name: string;
  policies: AttachedPolicy[];
  children: TreeNode[];
}

export interface ProvenanceEntry {
  /** JSON path in the effective doc, e.g. $.services.lex.opt_out_policy */
  path: string;
  value: unknown;
  policyId: string;
  policyName: string;
  nodeId: string;
  nodeKind: NodeKind;
  operator: '@@assign' | '@@append' | '@@remove';
}

/**
 * Why a value-setting operation left the effective policy unchanged. A tagged union: only a lock
 * names the policy and node that locked the path and the operators it still allows.
 * - LOCKED_BY_PARENT: `@@operators_allowed_for_child_policies` inherited from above forbids the
 *   operator here (tag Example 4, backup Example 3).
 * - SAME_NODE_CONFLICT: a later `@@assign` on a path an earlier policy of the same node already
 *   assigned; the first attached policy wins (tag Example 6, policies J and K).
 * - OPERATOR_NOT_APPLICABLE: `@@append`/`@@remove` met an inherited value that is not an array
 *   ("You can use this operator with only multi-valued settings").
 * https://docs.aws.amazon.com/organizations/latest/userguide/inheritance-examples.html
 */
export type IgnoredChangeKind = IgnoredChange['kind'];

interface IgnoredChangeBase {
  path: string;
  operator: string;
  attemptedValue: unknown;
  policyId: string;
  policyName: string;
  nodeId: string;
  reason: string;
}

export interface LockedByParent extends IgnoredChangeBase {
  kind: 'LOCKED_BY_PARENT';
  lockedByPolicyId: string;
  lockedByPolicyName: string;
  lockedAtNodeId: string;
  allowedOperators: string[];
}

export interface SameNodeConflict extends IgnoredChangeBase {
  kind: 'SAME_NODE_CONFLICT';
  /** the policy attached earlier to the same node whose @@assign was kept */
  firstAttachedPolicyId: string;
  firstAttachedPolicyName: string;
}

export interface OperatorNotApplicable extends IgnoredChangeBase {
  kind: 'OPERATOR_NOT_APPLICABLE';
}

export type IgnoredChange = LockedByParent | SameNodeConflict | OperatorNotApplicable;

export interface EffectivePolicy {
  /** null when no policy of the type applies */
  content: Record<string, unknown> | null;
  provenance: ProvenanceEntry[];
  ignoredChanges: IgnoredChange[];
}
