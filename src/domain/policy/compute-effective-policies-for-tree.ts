import { isManagementPolicyType, type PolicyType } from '../policy-type';
import { cachedCompiler } from './compute-effective-policy';
import type { EffectivePolicy, PathNode, TreeNode } from './effective-types';
import { inheritedLocks, type InheritedLocks } from './inherited-locks';
import { dependsOnInherited } from './lock-scope';
import { applyNode, INITIAL_STATE, type Lock, type MergeState } from './merge-state';
import { type Container, EMPTY_CONTAINER } from './merge-tree';
import { stateToEffectivePolicy } from './state-to-effective-policy';

/**
 * Effective policies of every ACCOUNT at or below `tree`, in one depth-first pass: each node's merge
 * state is computed once from its parent's and shared by all descendants (states are immutable).
 * Accounts with no policy of their own share their parent's state and therefore the same rendered
 * EffectivePolicy object: treat results as read-only.
 * `ancestors` are the nodes above `tree` ([root, ou, ...]) when `tree` is not the root.
 * `onAccount`, when given, also hears the child-control lists each account inherits from above it
 * (what its own policies may not change), from the same pass.
 */
export function computeEffectivePoliciesForTree(
  type: PolicyType,
  tree: TreeNode,
  ancestors: PathNode[] = [],
  onAccount?: (accountId: string, inherited: InheritedLocks) => void,
): Map<string, EffectivePolicy> {
  const result = new Map<string, EffectivePolicy>();
  if (!isManagementPolicyType(type)) {
    forEachAccount(tree, (id) => result.set(id, { content: null, provenance: [], ignoredChanges: [] }));
    return result;
  }
  const compile = cachedCompiler();
  const rendered = new WeakMap<MergeState, EffectivePolicy>();
  const render = (state: MergeState): EffectivePolicy => {
    let policy = rendered.get(state);
    if (!policy) {
      policy = stateToEffectivePolicy(state);
      rendered.set(state, policy);
    }
    return policy;
  };
  // Siblings share their parent's lock list and document, so they share its reading too. The
  // document matters only to a lock that allows @@append (lock-scope.ts); without one, every state
  // with the same lock list shares one reading.
  const inherited = new WeakMap<readonly Lock[], WeakMap<Container, InheritedLocks>>();
  const inheritedOf = ({ locks, root }: MergeState): InheritedLocks => {
    let byRoot = inherited.get(locks);
    if (!byRoot) inherited.set(locks, (byRoot = new WeakMap()));
    const key = dependsOnInherited(locks) ? root : EMPTY_CONTAINER;
    let reading = byRoot.get(key);
    if (!reading) byRoot.set(key, (reading = inheritedLocks(locks, root)));
    return reading;
  };
  const start = ancestors.reduce<MergeState>((s, node) => applyNode(type, s, node, compile), INITIAL_STATE);
  // Explicit stack: the OU depth is small, but the walk should not depend on that.
  const stack: { node: TreeNode; parentState: MergeState }[] = [{ node: tree, parentState: start }];
  while (stack.length > 0) {
    const { node, parentState } = stack.pop()!;
    const state = applyNode(type, parentState, node, compile);
    if (node.kind === 'ACCOUNT') {
      result.set(node.id, render(state));
      if (onAccount) onAccount(node.id, inheritedOf(parentState));
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, parentState: state });
  }
  return result;
}

function forEachAccount(tree: TreeNode, fn: (id: string) => void): void {
  if (tree.kind === 'ACCOUNT') fn(tree.id);
  for (const child of tree.children) forEachAccount(child, fn);
}
