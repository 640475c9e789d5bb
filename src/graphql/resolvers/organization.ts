import type { OrganizationResolvers } from '../../generated/graphql';

export const Organization: OrganizationResolvers = {
  roots: (_organization, _args, ctx) => ctx.loaders.roots(),
  mirror: (_organization, _args, ctx) => {
    const stamp = ctx.mirror.consistency === 'MIRROR' ? ctx.mirror.stamp() : undefined;
    return { version: stamp?.version ?? 0, syncedAt: stamp?.syncedAt ?? null, tagsSyncedAt: stamp?.tagsSyncedAt ?? null, status: ctx.mirror.status().state };
  },
};
