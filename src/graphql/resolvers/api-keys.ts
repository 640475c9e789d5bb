import type { KeyChangeOrigin } from '../../domain/api-key-admin';
import { isRole, type Role } from '../../domain/identity';
import type { ApiKeyResolvers, MutationResolvers, QueryResolvers, Role as GraphQLRole } from '../../generated/graphql';
import type { GraphQLContext } from '../context';

/** GraphQL's Role enum is the domain's role in capitals (VIEWER <-> viewer). */
function roleOf(role: GraphQLRole): Role {
  const lower = role.toLowerCase();
  if (!isRole(lower)) throw new TypeError(`Role ${role} has no domain role`);
  return lower;
}

function originOf(ctx: GraphQLContext): KeyChangeOrigin {
  return { actor: ctx.actor, requestId: ctx.requestId, clientIp: ctx.client.ip, userAgent: ctx.client.userAgent };
}

export const apiKeyQueries: Pick<QueryResolvers, 'apiKeys'> = {
  apiKeys: (_parent, _args, ctx) => ctx.apiKeys.list(),
};

/** Changes to orgql's own keys: audited by the key admin (src/auth), nothing goes upstream. */
export const apiKeyMutations: Pick<MutationResolvers, 'createApiKey' | 'revokeApiKey'> = {
  createApiKey: async (_parent, { name, role }, ctx) => {
    const { key, record, auditEventId } = await ctx.apiKeys.create(name.trim(), roleOf(role), originOf(ctx));
    return { apiKey: record, secret: key, auditEventId };
  },
  revokeApiKey: async (_parent, { name }, ctx) => {
    const { record, auditEventId } = await ctx.apiKeys.revoke(name.trim(), originOf(ctx));
    return { apiKey: record, auditEventId };
  },
};

export const ApiKey: ApiKeyResolvers = {
  role: (key) => key.role.toUpperCase() as GraphQLRole,
  active: (key) => key.revokedAt === null,
};
