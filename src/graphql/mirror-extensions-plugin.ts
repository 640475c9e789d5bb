import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from './context';

/**
 * Every response says how fresh it is: `extensions.orgql.mirror { version, syncedAt }` (the version
 * the request read), or `extensions.orgql.consistency: "upstream"` when it read AWS directly.
 */
export function mirrorExtensionsPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !contextValue?.mirror) return;
          const result = response.body.singleResult;
          const stamp = contextValue.mirror.stamp();
          const orgql: Record<string, unknown> =
            contextValue.mirror.consistency === 'UPSTREAM'
              ? { consistency: 'upstream' }
              : { mirror: { version: stamp?.version ?? 0, syncedAt: stamp?.syncedAt?.toISOString() ?? null } };
          // Other plugins add their own facts under orgql (e.g. idempotentReplay): keep them.
          const existing = (result.extensions?.orgql ?? {}) as Record<string, unknown>;
          result.extensions = { ...result.extensions, orgql: { ...existing, ...orgql } };
        },
      };
    },
  };
}
