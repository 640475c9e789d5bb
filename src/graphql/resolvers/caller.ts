import { PERMISSIONS, permissionsOf } from '../../domain/identity';
import type { Permission, QueryResolvers, Role } from '../../generated/graphql';

/** Query.me: the console (and any client) asks who it is and shows only what the roles grant. */
export const callerQueries: Pick<QueryResolvers, 'me'> = {
  me: (_parent, _args, ctx) => {
    const granted = permissionsOf(ctx.principal.roles);
    return {
      id: ctx.principal.id,
      type: ctx.principal.type,
      displayName: ctx.principal.displayName,
      roles: ctx.principal.roles.map((role) => role.toUpperCase() as Role),
      permissions: PERMISSIONS.filter((permission) => granted.has(permission)) as Permission[],
    };
  },
};
