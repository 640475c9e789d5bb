import type { PolicyType } from '../policy-type';
import { type CompiledOp, isPathPrefix } from './compile-policy';
import type { IgnoredChange, PathNode } from './effective-types';
import { keysToPath } from './json-path';
import { type Container, deepEqual, EMPTY_CONTAINER, type Element, getNode, type MergeNode, someSource, type Source, updateAt } from './merge-tree';
import { APPEND, ASSIGN, sortOperators, VALUE_OPERATORS, type ValueOperator } from './operators';

/**
 * Inheritance for management policies (digest §b; user guide "Policy syntax and inheritance for
 * management policy types" and its tag examples 1-6).
 * - Nodes are applied root → account; policies of one node in attachment order.
 * - Child-control lists take effect for the nodes BELOW the one that declares them; lists from
 *   policies of the same node are all kept, which is their intersection (Example 5), and a child can
 *   only add more lists, so restrictions only narrow going down.
 * - A lock on path P governs operations at P, below P, and (choice) at any ancestor of P, since an
 *   @@assign of a whole object there would overwrite the locked value.
 * - A disallowed change is ignored and recorded, never an error (Example 4; backup Example 3).
 * - Same node, conflicting @@assign: the FIRST attached policy wins (Example 6, J before K). Choice:
 *   a later @@assign is ignored once an earlier policy of the same node changed that path with any
 *   operator; later @@append/@@remove still apply in order.
 * - @@append skips elements already present (choice: tag values and resource types are sets).
 */
export interface Lock {
  pathKey: string;
  allowed: ReadonlySet<ValueOperator>;
  source: Source;
}

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
  const touched: { pathKey: string; source: Source }[] = [];

  for (const policy of node.policies) {
    const source: Source = { policyId: policy.id, policyName: policy.name, nodeId: node.id, nodeKind: node.kind };
    for (const op of compile(type, policy.content)) {
      if (op.kind === 'lock') {
        newLocks.push({ pathKey: op.pathKey, allowed: op.allowed, source });
        continue;
      }
      const allowedHere = allowedAt(state.locks, op.pathKey);
      const ignore = (owner: Source, reason: string): void => {
        ignored.push({
          path: keysToPath(op.keys),
          operator: op.operator,
          attemptedValue: op.value,
          policyId: policy.id,
          policyName: policy.name,
          nodeId: node.id,
          lockedByPolicyId: owner.policyId,
          lockedByPolicyName: owner.policyName,
          lockedAtNodeId: owner.nodeId,
          allowedOperators: sortOperators(allowedHere),
          reason,
        });
      };
      const lock = state.locks.find((l) => !l.allowed.has(op.operator) && (isPathPrefix(l.pathKey, op.pathKey) || isPathPrefix(op.pathKey, l.pathKey)));
      if (lock) {
        const allowedText = lock.allowed.size === 0 ? 'no operators (@@none)' : `only ${sortOperators(lock.allowed).join(', ')}`;
        ignore(
          lock.source,
          `@@operators_allowed_for_child_policies in policy ${lock.source.policyId} at ${lock.source.nodeId} allows ${allowedText} for child policies here.`,
        );
        continue;
      }
      const current = getNode(root, op.keys);
      const before = root;
      if (op.operator === ASSIGN) {
        const first = touched.find((t) => isPathPrefix(t.pathKey, op.pathKey) || isPathPrefix(op.pathKey, t.pathKey));
        if (first) {
          if (!deepEqual(renderValue(current), op.value)) {
            ignore(
              first.source,
              `Policy ${first.source.policyId} was attached to ${node.id} earlier and already sets this value; the first attached policy wins.`,
            );
          }
          continue;
        }
        root = updateAt(root, op.keys, () => assigned(op.value, source));
      } else if (current !== undefined && current.kind !== 'array') {
        const owner = someSource(current) ?? source;
        ignore(owner, `${op.operator} applies only to multi-valued settings, but the inherited value here is not an array.`);
        continue;
      } else if (op.operator === APPEND) {
        root = updateAt(root, op.keys, (existing) => appended(existing, op.value as unknown[], source));
      } else if (current !== undefined) {
        root = updateAt(root, op.keys, (existing) => removed(existing, op.value as unknown[], source));
      }
      if (root !== before) touched.push({ pathKey: op.pathKey, source });
    }
  }
  const locks = newLocks.length > 0 ? [...state.locks, ...newLocks] : state.locks;
  return { root, locks, ignored, anyPolicy: true };
}

function allowedAt(locks: readonly Lock[], pathKey: string): Set<ValueOperator> {
  const allowed = new Set<ValueOperator>(VALUE_OPERATORS);
  for (const l of locks) {
    if (isPathPrefix(l.pathKey, pathKey) || isPathPrefix(pathKey, l.pathKey)) {
      for (const op of VALUE_OPERATORS) if (!l.allowed.has(op)) allowed.delete(op);
    }
  }
  return allowed;
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
