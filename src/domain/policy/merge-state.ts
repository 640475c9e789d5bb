import type { PolicyType } from '../policy-type';
import { type CompiledOp, isPathPrefix } from './compile-policy';
import type { IgnoredChange, PathNode } from './effective-types';
import { type Attempt, lockedByParent, operatorNotApplicable, sameNodeConflict } from './ignored-change';
import { keysToPath } from './json-path';
import { type Container, deepEqual, EMPTY_CONTAINER, type Element, getNode, type MergeNode, someSource, type Source, updateAt } from './merge-tree';
import { allowedAt, governs, type Lock } from './lock-scope';
import { APPEND, ASSIGN } from './operators';

export type { Lock } from './lock-scope';

/**
 * Inheritance for management policies (digest §b; user guide "Policy syntax and inheritance for
 * management policy types" and its tag examples 1-6).
 * - Nodes are applied root → account; policies of one node in attachment order.
 * - Child-control lists take effect for the nodes BELOW the one that declares them; lists from
 *   policies of the same node are all kept, which is their intersection (Example 5), and a child can
 *   only add more lists, so restrictions only narrow going down.
 * - Which operations an inherited lock governs: lock-scope.ts (its path, its subtree and its
 *   ancestors, except new keys under a lock that allows @@append; backup syntax Example 4).
 * - A disallowed change is ignored and recorded, never an error (Example 4; backup Example 3).
 * - Same node, conflicting @@assign: the FIRST attached policy wins (Example 6, J before K: "Policies
 *   are evaluated based on the order in which they were attached"). Only an earlier @@assign makes
 *   a later @@assign a conflict; after an earlier @@append or @@remove, a later @@assign overwrites
 *   as it would from a child. @@append/@@remove always apply in attachment order.
 * - @@append skips elements already present (choice: tag values and resource types are sets).
 */
export interface MergeState {
  readonly root: Container;
  readonly locks: readonly Lock[];
  readonly ignored: readonly IgnoredChange[];
  /** at least one policy of the type is attached on the path so far */
  readonly anyPolicy: boolean;
}

export const INITIAL_STATE: MergeState = { root: EMPTY_CONTAINER, locks: [], ignored: [], anyPolicy: false };

export type Compile = (type: PolicyType, content: string) => readonly CompiledOp[];

export function applyNode(type: PolicyType, state: MergeState, node: PathNode, compile: Compile): MergeState {
  if (node.policies.length === 0) return state;
  let root = state.root;
  const ignored = [...state.ignored];
  const newLocks: Lock[] = [];

  // Paths an earlier policy of this node assigned (see "Same node" above).
  const assignedHere: { pathKey: string; source: Source }[] = [];

  for (const policy of node.policies) {
    const source: Source = { policyId: policy.id, policyName: policy.name, nodeId: node.id, nodeKind: node.kind };
    for (const op of compile(type, policy.content)) {
      if (op.kind === 'lock') {
        newLocks.push({ pathKey: op.pathKey, allowed: op.allowed, source });
        continue;
      }
      const attempt: Attempt = {
        path: keysToPath(op.keys),
        operator: op.operator,
        attemptedValue: op.value,
        policyId: policy.id,
        policyName: policy.name,
        nodeId: node.id,
      };
      const lock = state.locks.find((l) => !l.allowed.has(op.operator) && governs(l, op.keys, op.pathKey, state.root));
      if (lock) {
        ignored.push(lockedByParent(attempt, lock.source, lock.allowed, allowedAt(state.locks, op.keys, op.pathKey, state.root)));
        continue;
      }
      const current = getNode(root, op.keys);
      if (op.operator === ASSIGN) {
        const first = assignedHere.find((a) => a.source.policyId !== policy.id && overlaps(a.pathKey, op.pathKey));
        if (first) {
          if (!deepEqual(renderValue(current), op.value)) ignored.push(sameNodeConflict(attempt, first.source));
          continue;
        }
        root = updateAt(root, op.keys, () => assigned(op.value, source));
        assignedHere.push({ pathKey: op.pathKey, source });
      } else if (current !== undefined && current.kind !== 'array') {
        ignored.push(operatorNotApplicable(attempt, someSource(current)));
      } else if (op.operator === APPEND) {
        root = updateAt(root, op.keys, (existing) => appended(existing, op.value as unknown[], source));
      } else if (current !== undefined) {
        root = updateAt(root, op.keys, (existing) => removed(existing, op.value as unknown[], source));
      }
    }
  }
  const locks = newLocks.length > 0 ? [...state.locks, ...newLocks] : state.locks;
  return { root, locks, ignored, anyPolicy: true };
}

/** An earlier @@assign at P concerns P, everything below P, and every ancestor of P. */
function overlaps(a: string, b: string): boolean {
  return isPathPrefix(a, b) || isPathPrefix(b, a);
}

function assigned(value: unknown, source: Source): MergeNode {
  if (Array.isArray(value)) {
    return { kind: 'array', elements: value.map((v) => ({ value: v, source, operator: '@@assign' as const })), removals: [] };
  }
  return { kind: 'scalar', value, source };
}

function appended(existing: MergeNode | undefined, values: unknown[], source: Source): MergeNode {
  const elements: Element[] = existing?.kind === 'array' ? [...existing.elements] : [];
  for (const v of values) {
    if (!elements.some((e) => deepEqual(e.value, v))) elements.push({ value: v, source, operator: '@@append' });
  }
  return { kind: 'array', elements, removals: existing?.kind === 'array' ? existing.removals : [] };
}

function removed(existing: MergeNode | undefined, values: unknown[], source: Source): MergeNode | undefined {
  if (existing?.kind !== 'array') return existing;
  const kept = existing.elements.filter((e) => !values.some((v) => deepEqual(e.value, v)));
  if (kept.length === existing.elements.length) return existing;
  // Tag Example 3: removing every value of a setting drops the setting from the effective policy.
  if (kept.length === 0) return undefined;
  const gone = existing.elements.filter((e) => !kept.includes(e)).map((e) => e.value);
  return { kind: 'array', elements: kept, removals: [...existing.removals, { values: gone, source }] };
}

/** The plain value of a merge node (used to compare and to render). */
export function renderValue(node: MergeNode | undefined): unknown {
  if (node === undefined) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'array') return node.elements.map((e) => e.value);
  const out: Record<string, unknown> = {};
  for (const [k, child] of node.children) out[k] = renderValue(child);
  return out;
}
