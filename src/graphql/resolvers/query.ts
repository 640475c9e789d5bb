import { OrgqlError } from '../../domain/errors';
import { nodeIdKind } from '../../domain/node-id';
import { validatePolicy } from '../../domain/policy';
import type { QueryResolvers } from '../../generated/graphql';
import { toConnection } from '../connection';
import { computedEffectivePolicies, computedEffectivePolicy, upstreamEffectivePolicy } from '../org/effective-policies';
import { loadAnyNode } from '../org/org-node';
import { accountsOf, loadSubtree } from '../org/subtree';
import { documentText } from '../policy-document';
import { previewPolicyChange } from './preview-policy-change';

function expectKind(id: string, kind: ReturnType<typeof nodeIdKind>, what: string): void {
  if (nodeIdKind(id) !== kind) throw new OrgqlError('BAD_USER_INPUT', `${JSON.stringify(id)} is not ${what} id.`, { id });
}

export const Query: QueryResolvers = {
  organization: (_parent, _args, ctx) => ctx.organizations.describeOrganization(),
  roots: (_parent, _args, ctx) => ctx.loaders.roots(),
  node: (_parent, { id }, ctx) => loadAnyNode(ctx.loaders, id),
  organizationalUnit: (_parent, { id }, ctx) => {
    expectKind(id, 'ORGANIZATIONAL_UNIT', 'an OU');
    return ctx.loaders.organizationalUnit.load(id);
  },
  account: (_parent, { id }, ctx) => {
    expectKind(id, 'ACCOUNT', 'an account');
    return ctx.loaders.account.load(id);
  },
  policy: (_parent, { id }, ctx) => {
    expectKind(id, 'POLICY', 'a policy');
    return ctx.loaders.policy.load(id);
  },
  accounts: async (_parent, { under, first, after }, ctx) => {
    const tops = under ? [under] : (await ctx.loaders.roots()).map((root) => root.id);
    const trees = await Promise.all(tops.map((id) => loadSubtree(ctx.loaders, id)));
    return toConnection(trees.flatMap(accountsOf), (account) => account.id, { first, after });
  },
  policies: async (_parent, { type, first, after }, ctx) => toConnection(await ctx.organizations.listPolicies(type), (policy) => policy.id, { first, after }),
  effectivePolicy: (_parent, { accountId, type, source }, ctx) =>
    source === 'UPSTREAM' ? upstreamEffectivePolicy(ctx.organizations, accountId, type) : computedEffectivePolicy(ctx.loaders, accountId, type),
  effectivePolicies: async (_parent, { type, under }, ctx) => {
    const tops = under ? [under] : (await ctx.loaders.roots()).map((root) => root.id);
    return (await Promise.all(tops.map((id) => computedEffectivePolicies(ctx.loaders, type, id)))).flat();
  },
  validatePolicy: (_parent, { type, content }) => validatePolicy(type, documentText(content)),
  previewPolicyChange: (_parent, { type, changes }, ctx) => previewPolicyChange(ctx, type, changes),
};
