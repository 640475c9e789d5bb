import type { NodeKind } from './effective-types';

/**
 * The effective document while it is being merged: an immutable tree whose leaves remember who set
 * them. Updates copy only the maps along the changed path, so sibling accounts share their parent's
 * state for free (computeEffectivePoliciesForTree relies on that).
 */
export interface Source {
  policyId: string;
  policyName: string;
  nodeId: string;
  nodeKind: NodeKind;
}
export interface Element {
  value: unknown;
  source: Source;
  operator: '@@assign' | '@@append';
}
export interface Removal {
  values: unknown[];
  source: Source;
}

export type MergeNode =
  | { kind: 'container'; children: ReadonlyMap<string, MergeNode> }
  | { kind: 'scalar'; value: unknown; source: Source }
  | { kind: 'array'; elements: readonly Element[]; removals: readonly Removal[] };

export type Container = Extract<MergeNode, { kind: 'container' }>;

export const EMPTY_CONTAINER: Container = { kind: 'container', children: new Map() };

export function getNode(root: Container, keys: readonly string[]): MergeNode | undefined {
  let node: MergeNode | undefined = root;
  for (const key of keys) {
    if (node?.kind !== 'container') return undefined;
    node = node.children.get(key);
  }
  return node;
}

/**
 * Returns a new root with `fn` applied at `keys`. `fn` returning undefined deletes the entry, and
 * containers left empty by a deletion are pruned (choice: an emptied setting leaves no `{}` behind,
 * matching tag Example 3 where removing every enforced_for value drops the key).
 * A non-container met on the way is replaced by a container (choice: the deeper setting wins).
 */
export function updateAt(root: Container, keys: readonly string[], fn: (existing: MergeNode | undefined) => MergeNode | undefined): Container {
  const step = (node: Container, i: number): Container | undefined => {
    const key = keys[i] as string;
    const existing = node.children.get(key);
    let next: MergeNode | undefined;
    if (i === keys.length - 1) {
      next = fn(existing);
    } else {
      const child = existing?.kind === 'container' ? existing : EMPTY_CONTAINER;
      next = step(child, i + 1);
    }
    if (next === existing) return node;
    const children = new Map(node.children);
    if (next === undefined) children.delete(key);
    else children.set(key, next);
    return children.size === 0 ? undefined : { kind: 'container', children };
  };
  if (keys.length === 0) return root;
  return step(root, 0) ?? EMPTY_CONTAINER;
}

/** Any source found in a subtree, used to name who owns a value a change could not apply to. */
export function someSource(node: MergeNode | undefined): Source | undefined {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.source;
  if (node.kind === 'array') return node.elements[0]?.source ?? node.removals[0]?.source;
  for (const child of node.children.values()) {
    const s = someSource(child);
    if (s) return s;
  }
  return undefined;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}
