import type { ApolloServerPlugin } from '@apollo/server';

/** Sets HTTP Retry-After (and 429) when a response carries a rate-limit or throttling error. */
export function retryAfterPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          const retryAfter = errors
            .map((e) => e.extensions?.retryAfterSeconds)
            .find((value): value is number => typeof value === 'number');
          if (retryAfter === undefined) return;
          response.http.headers.set('retry-after', String(retryAfter));
          if (errors.some((e) => e.extensions?.code === 'RATE_LIMITED')) response.http.status = 429;
        },
      };
    },
  };
}
