/** The organization as the tree shows it: every node once, children in order (OUs, then accounts). */
export type NodeKind = 'ROOT' | 'OU' | 'ACCOUNT';

export interface TreeNode {
  readonly id: string;
  readonly name: string;
  readonly kind: NodeKind;
  readonly level: number;
  readonly parentId: string | undefined;
  readonly children: readonly TreeNode[];
  /** Accounts only: ACTIVE, SUSPENDED, ... */
  readonly state?: string | null | undefined;
}

interface RawAccount {
  readonly id: string;
  readonly name: string;
  readonly state?: string | null;
}
interface RawContainer {
  readonly id: string;
  readonly name: string;
  readonly accounts?: readonly RawAccount[];
  readonly organizationalUnits?: readonly RawContainer[];
}

export function buildTree(root: RawContainer): TreeNode {
  const visit = (raw: RawContainer, kind: NodeKind, level: number, parentId: string | undefined): TreeNode => ({
    id: raw.id,
    name: raw.name,
    kind,
    level,
    parentId,
    children: [
      ...(raw.organizationalUnits ?? []).map((ou) => visit(ou, 'OU', level + 1, raw.id)),
      ...(raw.accounts ?? []).map((account) => ({
        id: account.id,
        name: account.name,
        kind: 'ACCOUNT' as const,
        level: level + 1,
        parentId: raw.id,
        children: [],
        state: account.state,
      })),
    ],
  });
  return visit(root, 'ROOT', 1, undefined);
}

export function indexTree(roots: readonly TreeNode[]): Map<string, TreeNode> {
  const index = new Map<string, TreeNode>();
  const walk = (node: TreeNode) => {
    index.set(node.id, node);
    node.children.forEach(walk);
  };
  roots.forEach(walk);
  return index;
}

/** Nodes whose name or id contains the text (case-insensitive), with every ancestor of each, so they can be shown in place. */
export function searchTree(index: ReadonlyMap<string, TreeNode>, text: string): { matches: Set<string>; shown: Set<string> } {
  const needle = text.trim().toLowerCase();
  const matches = new Set<string>();
  const shown = new Set<string>();
  if (!needle) return { matches, shown };
  for (const node of index.values()) {
    if (!node.name.toLowerCase().includes(needle) && !node.id.toLowerCase().includes(needle)) continue;
    matches.add(node.id);
    for (let id: string | undefined = node.id; id !== undefined && !shown.has(id); id = index.get(id)?.parentId) shown.add(id);
  }
  return { matches, shown };
}

/** The treeitems a keyboard walks through, top to bottom: children of collapsed (or hidden) nodes are skipped. */
export function visibleOrder(roots: readonly TreeNode[], expanded: ReadonlySet<string>, shown: ReadonlySet<string> | undefined): TreeNode[] {
  const order: TreeNode[] = [];
  const walk = (node: TreeNode) => {
    if (shown && !shown.has(node.id)) return;
    order.push(node);
    if (expanded.has(node.id)) node.children.forEach(walk);
  };
  roots.forEach(walk);
  return order;
}
