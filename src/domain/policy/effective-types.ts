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

export interface IgnoredChange {
  path: string;
  operator: string;
  attemptedValue: unknown;
  policyId: string;
  policyName: string;
  nodeId: string;
  lockedByPolicyId: string;
  lockedByPolicyName: string;
  lockedAtNodeId: string;
  allowedOperators: string[];
  reason: string;
}

export interface EffectivePolicy {
  /** null when no policy of the type applies */
  content: Record<string, unknown> | null;
  provenance: ProvenanceEntry[];
  ignoredChanges: IgnoredChange[];
}
