import type { AccountResolvers, NodeResolvers, OrganizationalUnitResolvers, OrganizationNodeResolvers, RootResolvers } from '../../generated/graphql';
import type { PolicyType } from '../../domain/policy-type';
import type { GraphQLContext } from '../context';
import { ancestors, parentNode } from '../org/ancestry';
import { computedEffectivePolicy, upstreamEffectivePolicy } from '../org/effective-policies';
import { nodePolicies } from '../org/node-policies';
import { nodeTypeName } from '../org/org-node';

/** Fields every root, OU and account has (OrganizationNode). */
const common = {
  tags: (node: { id: string }, _args: unknown, ctx: GraphQLContext) => ctx.loaders.tags.load(node.id),
  policies: (node: { id: string }, args: { type: PolicyType; inherited: boolean }, ctx: GraphQLContext) =>
    nodePolicies(ctx.loaders, node.id, args.type, args.inherited),
};

/** Children of a root or OU: its OUs, then its accounts (ListOrganizationalUnitsForParent, ListAccountsForParent). */
const parentFields = {
  organizationalUnits: (node: { id: string }, _args: unknown, ctx: GraphQLContext) => ctx.loaders.childOrganizationalUnits.load(node.id),
  accounts: (node: { id: string }, _args: unknown, ctx: GraphQLContext) => ctx.loaders.childAccounts.load(node.id),
  children: async (node: { id: string }, _args: unknown, ctx: GraphQLContext) => {
    const [ous, accounts] = await Promise.all([ctx.loaders.childOrganizationalUnits.load(node.id), ctx.loaders.childAccounts.load(node.id)]);
    return [...ous, ...accounts];
  },
};

export const Root: RootResolvers = { ...common, ...parentFields };

export const OrganizationalUnit: OrganizationalUnitResolvers = {
  ...common,
  ...parentFields,
  parent: (ou, _args, ctx) => parentNode(ctx.loaders, ou.id),
  path: (ou, _args, ctx) => ancestors(ctx.loaders, ou.id),
};

export const Account: AccountResolvers = {
  ...common,
  parent: (account, _args, ctx) => parentNode(ctx.loaders, account.id),
  path: (account, _args, ctx) => ancestors(ctx.loaders, account.id),
  effectivePolicy: (account, { type, source }, ctx) =>
    source === 'UPSTREAM' ? upstreamEffectivePolicy(ctx.organizations, account.id, type) : computedEffectivePolicy(ctx.loaders, account.id, type),
};

export const Node: NodeResolvers = { __resolveType: (node) => nodeTypeName(node) };

export const OrganizationNode: OrganizationNodeResolvers = {
  __resolveType: (node) => {
    const name = nodeTypeName(node);
    return name === 'Policy' ? 'Account' : name;
  },
};
