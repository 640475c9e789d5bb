import { nodeIdKind } from '../../domain/node-id';
import type { Loaders } from '../loaders/create-loaders';
import { loadOrgNode, type OrgNode } from './org-node';

/** Roots plus five OU levels plus the account (user guide, quotas: OU nesting depth 5). */
const MAX_DEPTH = 7;

/** Ids from the root down to the parent of `id` (empty for a root). */
export async function ancestorIds(loaders: Loaders, id: string): Promise<string[]> {
  const chain: string[] = [];
  let current = id;
  while (nodeIdKind(current) !== 'ROOT') {
    current = await loaders.parent.load(current);
    chain.unshift(current);
    if (chain.length > MAX_DEPTH) throw new Error(`The parent chain of ${id} does not reach a root`);
  }
  return chain;
}

export async function ancestors(loaders: Loaders, id: string): Promise<OrgNode[]> {
  const ids = await ancestorIds(loaders, id);
  return Promise.all(ids.map((ancestorId) => loadOrgNode(loaders, ancestorId)));
}

export async function parentNode(loaders: Loaders, id: string): Promise<OrgNode> {
  return loadOrgNode(loaders, await loaders.parent.load(id));
}
