import { isOrgqlError, OrgqlError } from '../domain/errors';

/**
 * Wraps a database-backed adapter (the audit log's read side): a failure of one of its methods
 * while the database does not answer becomes SERVICE_UNAVAILABLE (HTTP 503 with Retry-After, see
 * retry-after-plugin.ts) instead of an INTERNAL_SERVER_ERROR; any other failure stays what it was.
 */
export function unavailableWhenDatabaseDown<T extends object>(adapter: T, databaseAvailable: () => Promise<boolean>): T {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const member: unknown = Reflect.get(target, property, receiver);
      if (typeof member !== 'function') return member;
      return async (...args: unknown[]) => {
        try {
          return await (member as (...a: unknown[]) => unknown).apply(target, args);
        } catch (error) {
          if (isOrgqlError(error) || (await databaseAvailable())) throw error;
          throw new OrgqlError('SERVICE_UNAVAILABLE', 'The service is unavailable. Try again later.', { retryAfterSeconds: 5 }, { cause: error });
        }
      };
    },
  });
}
