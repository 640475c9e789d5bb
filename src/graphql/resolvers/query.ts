import type { QueryResolvers } from '../../generated/graphql';

export const Query: QueryResolvers = {
  organization: (_parent, _args, ctx) => ctx.organizations.describeOrganization(),
  roots: (_parent, _args, ctx) => ctx.organizations.listRoots(),
};
