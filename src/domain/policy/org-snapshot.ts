import type { PolicyType } from '../policy-type';
import type { Diagnostic } from './diagnostic';
import type { AttachedPolicy, NodeKind, TreeNode } from './effective-types';

/** A read-only picture of an organization, as the what-if preview receives it. */
export interface OrgSnapshot {
  nodes: { id: string; kind: NodeKind; name: string; parentId: string | null }[];
  policies: { id: string; name: string; type: PolicyType; content: string }[];
  attachments: { targetId: string; /** in attachment order */ policyIds: string[] }[];
}

export type SnapshotNode = OrgSnapshot['nodes'][number];
export type SnapshotPolicy = OrgSnapshot['policies'][number];

/** Mutable working copy used while applying what-if changes; never the caller's objects. */
export interface WorkingOrg {
  nodes: Map<string, SnapshotNode>;
  policies: Map<string, SnapshotPolicy>;
  attachments: Map<string, string[]>;
}

export function toWorkingOrg(snapshot: OrgSnapshot): WorkingOrg {
  return {
    nodes: new Map(snapshot.nodes.map((n) => [n.id, { ...n }])),
    policies: new Map(snapshot.policies.map((p) => [p.id, { ...p }])),
    attachments: new Map(snapshot.attachments.map((a) => [a.targetId, [...a.policyIds]])),
  };
}

/**
 * Builds the trees (one per root) holding only policies of `type`, children in snapshot order.
 * Nodes whose parent is unknown are left out with a WARNING (they cannot inherit anything).
 */
export function buildTrees(type: PolicyType, org: WorkingOrg, diagnostics: Diagnostic[]): TreeNode[] {
  const treeNodes = new Map<string, TreeNode>();
  for (const n of org.nodes.values()) {
    const policies: AttachedPolicy[] = [];
    for (const id of org.attachments.get(n.id) ?? []) {
      const p = org.policies.get(id);
      if (p && p.type === type) policies.push({ id: p.id, name: p.name, content: p.content });
    }
    treeNodes.set(n.id, { id: n.id, kind: n.kind, name: n.name, policies, children: [] });
  }
  const roots: TreeNode[] = [];
  for (const n of org.nodes.values()) {
    const node = treeNodes.get(n.id)!;
    if (n.parentId === null) {
      roots.push(node);
      continue;
    }
    const parent = treeNodes.get(n.parentId);
    if (parent) parent.children.push(node);
    else
      diagnostics.push({
        severity: 'WARNING',
        code: 'UNKNOWN_PARENT',
        path: `nodes.${n.id}`,
        message: `Node ${n.id} has parent ${n.parentId}, which is not in the snapshot, so it was left out.`,
      });
  }
  return roots;
}
