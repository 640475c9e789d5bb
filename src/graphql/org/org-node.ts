import type { Account } from '../../domain/account';
import { OrgqlError } from '../../domain/errors';
import { nodeIdKind } from '../../domain/node-id';
import type { Root } from '../../domain/organization';
import type { OrganizationalUnit } from '../../domain/organizational-unit';
import type { Policy } from '../../domain/organization-policy';
import type { Loaders } from '../loaders/create-loaders';

/** A place in the tree: what OrganizationNode resolves to. */
export type OrgNode = Root | OrganizationalUnit | Account;

export function notFound(id: string): OrgqlError {
  return new OrgqlError('NOT_FOUND', `Nothing with the id ${id} exists in the organization.`, { id });
}

export function badId(id: string): OrgqlError {
  return new OrgqlError('BAD_USER_INPUT', `${JSON.stringify(id)} is not a root, OU, account or policy id.`, { id });
}

export async function loadRoot(loaders: Loaders, id: string): Promise<Root> {
  const root = (await loaders.roots()).find((r) => r.id === id);
  if (!root) throw notFound(id);
  return root;
}

/** A root, OU or account by id (NOT_FOUND / BAD_USER_INPUT otherwise). */
export async function loadOrgNode(loaders: Loaders, id: string): Promise<OrgNode> {
  switch (nodeIdKind(id)) {
    case 'ROOT':
      return loadRoot(loaders, id);
    case 'ORGANIZATIONAL_UNIT':
      return loaders.organizationalUnit.load(id);
    case 'ACCOUNT':
      return loaders.account.load(id);
    default:
      throw badId(id);
  }
}

export async function loadAnyNode(loaders: Loaders, id: string): Promise<OrgNode | Policy> {
  return nodeIdKind(id) === 'POLICY' ? loaders.policy.load(id) : loadOrgNode(loaders, id);
}

/** GraphQL type name of a node model, from its id pattern (see domain/node-id.ts). */
export function nodeTypeName(node: { id: string }): 'Root' | 'OrganizationalUnit' | 'Account' | 'Policy' {
  switch (nodeIdKind(node.id)) {
    case 'ROOT':
      return 'Root';
    case 'ORGANIZATIONAL_UNIT':
      return 'OrganizationalUnit';
    case 'POLICY':
      return 'Policy';
    default:
      return 'Account';
  }
}
