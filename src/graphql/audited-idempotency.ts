import { OrgqlError } from '../domain/errors';
import { hasUnstorableCharacters } from '../domain/storable-text';
import type { IdempotencyScope } from '../domain/idempotency';
import type { AuditedResult, MutationIntent } from './audited-mutation';
import type { GraphQLContext } from './context';

const MAX_KEY_LENGTH = 255;
/** Storing the result is retried this many times: a key left unfinished makes retries wait for the reconciler. */
const COMPLETE_ATTEMPTS = 4;

export type IdempotencyHandle<T> =
  | { readonly kind: 'replay'; readonly result: AuditedResult<T> }
  | { readonly kind: 'run'; release(): Promise<void>; complete(auditEventId: string, value: T): Promise<void> };

/**
 * Claims the intent's idempotency key, scoped to the actor and the operation. A reused key with
 * other arguments is a CONFLICT (reason IDEMPOTENCY_KEY_REUSED), as is a key whose first call is
 * still running or whose outcome is not known yet (IDEMPOTENCY_KEY_IN_USE, retry later): the
 * caller's retry logic is at fault or racing, and neither call may run twice.
 */
export async function claimIdempotencyKey<T>(ctx: GraphQLContext, intent: MutationIntent<T>): Promise<IdempotencyHandle<T>> {
  const key = intent.idempotencyKey;
  if (key === undefined) return { kind: 'run', release: async () => undefined, complete: async () => undefined };
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new OrgqlError('BAD_USER_INPUT', `idempotencyKey must be 1 to ${MAX_KEY_LENGTH} characters long.`, { field: 'idempotencyKey' });
  }
  if (hasUnstorableCharacters(key)) {
    throw new OrgqlError('BAD_USER_INPUT', 'idempotencyKey must not contain NUL characters or unpaired surrogates.', { field: 'idempotencyKey' });
  }
  const scope: IdempotencyScope = { actorId: ctx.actor.id, operation: intent.operation, key };
  let claim;
  try {
    claim = await ctx.idempotency.claim(scope, intent.arguments);
  } catch (error) {
    ctx.logger.error({ err: error, operation: intent.operation }, 'idempotency key could not be claimed; mutation refused');
    throw new OrgqlError('AUDIT_UNAVAILABLE', 'The audit log is unavailable, so no change was made. Try again later.', {}, { cause: error });
  }
  switch (claim.kind) {
    case 'replay':
      return { kind: 'replay', result: { value: claim.response as T, auditEventId: claim.auditEventId, replayed: true } };
    case 'mismatch':
      throw new OrgqlError('CONFLICT', 'This idempotencyKey was already used with different arguments; use a new key for a different change.', {
        reason: 'IDEMPOTENCY_KEY_REUSED',
      });
    case 'in-progress':
      throw new OrgqlError('CONFLICT', 'A call with this idempotencyKey is still in progress or its outcome is not known yet; retry later.', {
        reason: 'IDEMPOTENCY_KEY_IN_USE',
        retryAfterSeconds: 5,
      });
    case 'claimed': {
      const { ownerToken } = claim;
      return {
        kind: 'run',
        release: () =>
          ctx.idempotency
            .release(scope, ownerToken)
            .catch((err) => ctx.logger.error({ err, operation: intent.operation }, 'idempotency key could not be released')),
        complete: async (auditEventId, value) => {
          for (let attempt = 1; ; attempt += 1) {
            try {
              return await ctx.idempotency.complete(scope, ownerToken, auditEventId, value);
            } catch (err) {
              // Left unfinished, the key makes retries wait (IN_USE) until the reconciler completes
              // it from the recorded SUCCEEDED result: never a second run.
              if (attempt >= COMPLETE_ATTEMPTS)
                return ctx.logger.error({ err, operation: intent.operation }, 'idempotency result could not be stored; left to the reconciler');
              await new Promise((resolve) => setTimeout(resolve, 50 * 4 ** attempt));
            }
          }
        },
      };
    }
  }
}

/**
 * The value of a change for its payload. A replay of a key the reconciler settled (the first call's
 * answer was lost) may have none to give, e.g. what a deletion removed: the caller then learns that
 * the change was made, by which call, and that its answer cannot be replayed, instead of an internal error.
 */
export function requireValue<T>(result: AuditedResult<T>): T {
  if (result.value !== null && result.value !== undefined) return result.value;
  throw new OrgqlError(
    'CONFLICT',
    'The call that first used this idempotencyKey made this change, but its answer was lost and cannot be replayed; see auditEventId.',
    {
      reason: 'IDEMPOTENCY_KEY_SETTLED',
      auditEventId: result.auditEventId,
    },
  );
}
