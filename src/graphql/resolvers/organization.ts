import type { OrganizationResolvers } from '../../generated/graphql';

export const Organization: OrganizationResolvers = {
  roots: (_organization, _args, ctx) => ctx.loaders.roots(),
};
