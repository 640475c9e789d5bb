import type { ApolloServerPlugin } from '@apollo/server';

/**
 * `Cache-Control: no-store` on every GraphQL answer: they are per caller (authenticated) and
 * describe a live organization. Apollo's cache-control plugin said the same (the schema has no
 * cache hints, so its verdict was always no-store) but hooked every resolved field to compute it,
 * which made every field of every request slower; it is disabled in favour of this one header.
 */
export function noStorePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
