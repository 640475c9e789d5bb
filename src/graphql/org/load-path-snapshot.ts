import { isOrgqlError } from '../../domain/errors';
import { nodeIdKind } from '../../domain/node-id';
import type { OrgSnapshot } from '../../domain/policy';
import type { PolicyType } from '../../domain/policy-type';
import type { Loaders } from '../loaders/create-loaders';
import { ancestorIds } from './ancestry';
import { attachedPolicies } from './attached-policies';

/**
 * The part of the organization the engine needs for changes that touch only these nodes (e.g. a
 * moved account and its destination): each node and its ancestors up to the root, with their
 * policies of `type`. Other accounts are left out, so their effective policies are not computed;
 * for one account in a large organization this is a handful of reads instead of the whole tree.
 * A node that does not exist is left out (the engine then says so as a diagnostic).
 */
export async function loadPathSnapshot(loaders: Loaders, type: PolicyType, nodeIds: readonly string[]): Promise<OrgSnapshot> {
  const paths = await Promise.all(nodeIds.map((id) => pathOf(loaders, id)));
  const nodes = new Map<string, OrgSnapshot['nodes'][number]>();
  for (const path of paths) {
    path.forEach((id, i) => {
      const kind = nodeIdKind(id);
      if (nodes.has(id) || kind === undefined || kind === 'POLICY') return;
      nodes.set(id, { id, kind, name: id, parentId: i === 0 ? null : path[i - 1]! });
    });
  }
  for (const node of nodes.values()) if (node.kind === 'ACCOUNT') node.name = (await loaders.account.load(node.id)).name;
  const ids = [...nodes.keys()];
  const attached = await attachedPolicies(loaders, ids, type);
  return {
    nodes: [...nodes.values()],
    policies: [...new Map(attached.flat().map((p) => [p.id, { ...p, type }])).values()],
    attachments: ids.map((targetId, i) => ({ targetId, policyIds: attached[i]!.map((p) => p.id) })),
  };
}

/** Root first, the node last; empty when the node is not in the organization. */
async function pathOf(loaders: Loaders, id: string): Promise<string[]> {
  if (nodeIdKind(id) === 'ROOT') return (await loaders.roots()).some((root) => root.id === id) ? [id] : [];
  try {
    return [...(await ancestorIds(loaders, id)), id];
  } catch (error) {
    if (isOrgqlError(error) && (error.code === 'NOT_FOUND' || error.code === 'BAD_USER_INPUT')) return [];
    throw error;
  }
}
