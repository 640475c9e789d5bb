import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from './context';

/** Requests that answered (part of) a mutation from an idempotency key's stored first result. */
const replayed = new WeakSet<object>();

export function markIdempotentReplay(ctx: GraphQLContext): void {
  replayed.add(ctx);
}

/**
 * A replayed answer says so: `extensions.orgql.idempotentReplay: true` (as Stripe's
 * `Idempotent-Replayed` header), so that a caller can tell "done now" from "done by my earlier call".
 * Merges into `extensions.orgql`, which other plugins fill too: add this plugin after them.
 */
export function idempotentReplayPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !replayed.has(contextValue)) return;
          const result = response.body.singleResult;
          const orgql = (result.extensions?.orgql ?? {}) as Record<string, unknown>;
          result.extensions = { ...result.extensions, orgql: { ...orgql, idempotentReplay: true } };
        },
      };
    },
  };
}
