import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, type GraphQLFieldConfig, type GraphQLSchema } from 'graphql';
import { OrgqlError } from '../domain/errors';
import { hasPermission, type Permission, type Principal } from '../domain/identity';

/**
 * The one place where roles are enforced. A field's required permission comes from its
 * `@auth(requires: ...)` directive; without one, Query fields need READ and Mutation fields
 * MUTATE, and fields of other types are open to whoever could reach their parent. A field marked
 * `@authenticated` (Query.me) is open to every authenticated caller.
 */
export interface AuthorizationHooks<Context> {
  principalOf(context: Context): Principal;
  /** Called before a root mutation runs, before the role check (a refused attempt counts too): may throw to refuse it (rate limit). */
  beforeMutation?(context: Context, fieldName: string): Promise<void>;
  /** Records a refused mutation attempt (the audit log keeps denials too), then the error is thrown. */
  onMutationRefused(context: Context, fieldName: string, args: Record<string, unknown>, error: OrgqlError): Promise<void>;
}

export function applyAuthorization<Context>(schema: GraphQLSchema, hooks: AuthorizationHooks<Context>): GraphQLSchema {
  const queryType = schema.getQueryType()?.name;
  const mutationType = schema.getMutationType()?.name;
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      // Being authenticated is enough (the hook refused anyone else before GraphQL ran).
      if (getDirective(schema, field, 'authenticated')?.[0]) return field;
      const declared = getDirective(schema, field, 'auth')?.[0]?.requires as Permission | undefined;
      const required = declared ?? (typeName === queryType ? 'READ' : typeName === mutationType ? 'MUTATE' : undefined);
      if (!required) return field;
      return guard(field, fieldName, required, typeName === mutationType, hooks);
    },
  });
}

function guard<Context>(
  field: GraphQLFieldConfig<unknown, Context>,
  fieldName: string,
  required: Permission,
  isMutation: boolean,
  hooks: AuthorizationHooks<Context>,
): GraphQLFieldConfig<unknown, Context> {
  const resolve = field.resolve ?? defaultFieldResolver;
  return {
    ...field,
    resolve: async (source, args, context, info) => {
      const principal = hooks.principalOf(context);
      try {
        // Every attempt counts against the limit, refused ones too: a flood of FORBIDDEN attempts
        // is throttled (and its audit rows with it) like any other (issue 11 item 5).
        if (isMutation) await hooks.beforeMutation?.(context, fieldName);
        if (!hasPermission(principal.roles, required)) {
          throw new OrgqlError('FORBIDDEN', `Your role does not allow ${info.parentType.name}.${fieldName} (it needs ${required}).`, {
            requiredPermission: required,
          });
        }
      } catch (error) {
        if (isMutation && error instanceof OrgqlError) await hooks.onMutationRefused(context, fieldName, args, error);
        throw error;
      }
      return resolve(source, args, context, info);
    },
  };
}
