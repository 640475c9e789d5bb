import type { AttachedPolicy } from '../../domain/policy';
import type { PolicyType } from '../../domain/policy-type';
import type { Loaders } from '../loaders/create-loaders';
import { ancestorIds } from './ancestry';
import { attachedPolicies } from './attached-policies';
import { loadSubtree, type SubtreeNode } from './subtree';

/** What the engine needs to evaluate every account below a node: the subtree, the nodes above it, and each one's policies of one type. */
export interface SubtreePolicies {
  readonly tree: SubtreeNode;
  /** The ids above the node, root first. */
  readonly above: readonly string[];
  /** Policies of the type attached to a node (above or in the subtree), in attachment order. */
  policiesOf(id: string): AttachedPolicy[];
}

/** Loads the subtree below `underId`, its ancestors and their attachments of `type` through the request's loaders (one DataLoader batch per level). */
export async function loadSubtreePolicies(loaders: Loaders, underId: string, type: PolicyType): Promise<SubtreePolicies> {
  const [tree, above] = await Promise.all([loadSubtree(loaders, underId), ancestorIds(loaders, underId)]);
  const ids = [...above];
  const collect = (node: SubtreeNode): void => {
    ids.push(node.id);
    node.children.forEach(collect);
  };
  collect(tree);
  const policies = await attachedPolicies(loaders, ids, type);
  const byId = new Map(ids.map((id, i) => [id, policies[i]!]));
  return { tree, above, policiesOf: (id) => byId.get(id) ?? [] };
}
