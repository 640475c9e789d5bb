import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { isOrgqlError, OrgqlError } from '../domain/errors';
import { runAudited } from './audited-mutation';
import { compactArguments } from './compact-arguments';
import { applyAuthorization } from './authorization';
import type { GraphQLContext } from './context';
import { loadTypeDefs, resolvers } from './schema';

/**
 * schema.graphql with its resolvers and the role checks. A refused mutation (role, rate limit) is
 * still a mutation attempt, so it is recorded in the audit log before the error is returned.
 */
export function buildExecutableSchema(options: { limitMutations: (identity: string) => Promise<void> }): GraphQLSchema {
  const schema = makeExecutableSchema<GraphQLContext>({ typeDefs: loadTypeDefs(), resolvers: resolvers as never });
  return applyAuthorization<GraphQLContext>(schema, {
    principalOf: (ctx) => ctx.principal,
    beforeMutation: async (ctx) => {
      try {
        await options.limitMutations(ctx.principal.id);
      } catch (error) {
        if (isOrgqlError(error)) throw error;
        // The limit lives in the database: without it no change could be recorded either.
        ctx.logger.error({ err: error }, 'mutation rate limit could not be checked; mutation refused');
        throw new OrgqlError('AUDIT_UNAVAILABLE', 'The audit log is unavailable, so no change was made. Try again later.', {}, { cause: error });
      }
    },
    onMutationRefused: (ctx, fieldName, args, error) => recordRefusal(ctx, fieldName, args, error),
  });
}

async function recordRefusal(ctx: GraphQLContext, operation: string, args: Record<string, unknown>, error: OrgqlError): Promise<void> {
  const { idempotencyKey: _key, ...recorded } = args;
  try {
    await runAudited(
      ctx,
      { operation, upstreamAction: 'None', targetType: undefined, targetId: undefined, arguments: compactArguments(recorded), touches: () => [] },
      async () => {
        throw error;
      },
    );
  } catch (thrown) {
    // runAudited rethrows the refusal after recording it; anything else (the audit log being down)
    // is logged, and the caller still gets the refusal.
    if (thrown !== error && !(isOrgqlError(thrown) && thrown.code === error.code)) ctx.logger.error({ err: thrown }, 'refused mutation could not be audited');
  }
}
