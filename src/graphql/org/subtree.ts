import type { Account } from '../../domain/account';
import { nodeIdKind } from '../../domain/node-id';
import type { NodeKind } from '../../domain/policy';
import type { Loaders } from '../loaders/create-loaders';
import { loadOrgNode } from './org-node';

export interface SubtreeNode {
  readonly id: string;
  readonly kind: NodeKind;
  /** Set for accounts. */
  readonly account: Account | undefined;
  /** The node's accounts first, then its OUs (each with their own subtree). */
  readonly children: SubtreeNode[];
}

/**
 * Loads everything below a root or OU, one tree level per round: all parents of a level are asked
 * for their OUs and accounts in the same DataLoader batch. Upstream calls are two List calls per
 * parent (plus one per extra page of 20), whatever the number of accounts.
 */
export async function loadSubtree(loaders: Loaders, id: string): Promise<SubtreeNode> {
  const top = await loadOrgNode(loaders, id);
  const kind = nodeIdKind(top.id);
  if (kind === 'ACCOUNT') return { id, kind, account: top as Account, children: [] };
  const root: SubtreeNode = { id, kind: kind === 'ROOT' ? 'ROOT' : 'ORGANIZATIONAL_UNIT', account: undefined, children: [] };
  let level: SubtreeNode[] = [root];
  while (level.length > 0) {
    const next: SubtreeNode[] = [];
    await Promise.all(
      level.map(async (parent) => {
        const [ous, accounts] = await Promise.all([loaders.childOrganizationalUnits.load(parent.id), loaders.childAccounts.load(parent.id)]);
        for (const account of accounts) parent.children.push({ id: account.id, kind: 'ACCOUNT', account, children: [] });
        for (const ou of ous) {
          const child: SubtreeNode = { id: ou.id, kind: 'ORGANIZATIONAL_UNIT', account: undefined, children: [] };
          parent.children.push(child);
          next.push(child);
        }
      }),
    );
    level = next;
  }
  return root;
}

/** Depth-first, accounts before sub-OUs: the order of `accounts(under:)`. */
export function accountsOf(tree: SubtreeNode): Account[] {
  const out: Account[] = [];
  const visit = (node: SubtreeNode): void => {
    if (node.account) out.push(node.account);
    for (const child of node.children) visit(child);
  };
  visit(tree);
  return out;
}

export function nodeIdsOf(tree: SubtreeNode): string[] {
  const out: string[] = [];
  const visit = (node: SubtreeNode): void => {
    out.push(node.id);
    for (const child of node.children) visit(child);
  };
  visit(tree);
  return out;
}
