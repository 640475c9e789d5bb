import { isPathPrefix } from './compile-policy';
import type { Container, MergeNode, Source } from './merge-tree';
import { APPEND, VALUE_OPERATORS, type ValueOperator } from './operators';

/** An inherited `@@operators_allowed_for_child_policies` list, at the path where a parent declared it. */
export interface Lock {
  pathKey: string;
  allowed: ReadonlySet<ValueOperator>;
  source: Source;
}

/**
 * Whether an inherited lock restricts an operation of a child policy at `keys`, given the document the
 * child inherits. A child-control operator "is placed at a node and governs that node's subtree"
 * (user guide, "Policy syntax and inheritance for management policy types",
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_mgmt.html):
 * - at the lock's path and below it; and (choice) at any ancestor of it, since an `@@assign` of a
 *   whole object there would overwrite the locked value;
 * - except where the lock allows `@@append` and the operation lies strictly below the lock's path
 *   on a key the child does not inherit: adding a new entry to a collection is an append. Backup
 *   syntax Example 4 (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_backup_syntax.html#backup-policy-example-4):
 *   `["@@append"]` on `plans` "enables child policies to add other plans to the collection in the
 *   effective policy. Any changes to the inherited plan are still blocked." The new subtree is
 *   the child's, with its own operators; other locks still apply to it (each lock is read alone).
 * A lock on an array setting (tag `tag_value`) is met only at its own path, so `["@@append"]` there
 * still allows appending elements and nothing else.
 */
export function governs(lock: Lock, keys: readonly string[], pathKey: string, inherited: Container): boolean {
  if (isPathPrefix(pathKey, lock.pathKey)) return true;
  if (!isPathPrefix(lock.pathKey, pathKey)) return false;
  return !(lock.allowed.has(APPEND) && addsKey(inherited, keys));
}

/**
 * True when `keys` leaves the inherited document through a key that an inherited container (or no
 * inherited value at all) does not have; false when it reaches an inherited value, or would replace
 * an inherited scalar or array with an object.
 */
function addsKey(inherited: Container, keys: readonly string[]): boolean {
  let node: MergeNode | undefined = inherited;
  for (const key of keys) {
    if (node === undefined) return true;
    if (node.kind !== 'container') return false;
    node = node.children.get(key);
  }
  return node === undefined;
}

/** The operators every lock that governs `keys` still allows together. */
export function allowedAt(locks: readonly Lock[], keys: readonly string[], pathKey: string, inherited: Container): Set<ValueOperator> {
  const allowed = new Set<ValueOperator>(VALUE_OPERATORS);
  for (const l of locks) {
    if (!governs(l, keys, pathKey, inherited)) continue;
    for (const op of VALUE_OPERATORS) if (!l.allowed.has(op)) allowed.delete(op);
  }
  return allowed;
}

/** Whether any lock's reach depends on the inherited document (it allows @@append and forbids something). */
export function dependsOnInherited(locks: readonly Lock[]): boolean {
  return locks.some((l) => l.allowed.has(APPEND) && l.allowed.size < VALUE_OPERATORS.length);
}
