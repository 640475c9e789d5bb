import type { ApolloServerPlugin } from '@apollo/server';

/** Codes that mean "this service cannot answer now" (HTTP 503): the audit log or the database is away, or the mirror is not ready. */
const UNAVAILABLE = new Set(['AUDIT_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'MIRROR_NOT_READY']);
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Sets HTTP Retry-After, and 429 for a rate limit or 503 for an unavailable dependency, when a response carries such an error. */
export function retryAfterPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          const unavailable = errors.some((e) => UNAVAILABLE.has(String(e.extensions?.code)));
          const retryAfter =
            errors.map((e) => e.extensions?.retryAfterSeconds).find((value): value is number => typeof value === 'number') ??
            (unavailable ? UNAVAILABLE_RETRY_AFTER_SECONDS : undefined);
          if (retryAfter === undefined) return;
          response.http.headers.set('retry-after', String(retryAfter));
          if (errors.some((e) => e.extensions?.code === 'RATE_LIMITED')) response.http.status = 429;
          else if (unavailable) response.http.status = 503;
        },
      };
    },
  };
}
