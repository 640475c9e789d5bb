import { OrgqlError } from '../domain/errors';
import { hasUnstorableCharacters } from '../domain/storable-text';
import type { IdempotencyScope } from '../domain/idempotency';
import type { AuditedResult, MutationIntent } from './audited-mutation';
import type { GraphQLContext } from './context';

const MAX_KEY_LENGTH = 255;

export type IdempotencyHandle<T> =
  | { readonly kind: 'replay'; readonly result: AuditedResult<T> }
  | { readonly kind: 'run'; release(): Promise<void>; complete(auditEventId: string, value: T): Promise<void> };

/**
 * Claims the intent's idempotency key, scoped to the actor and the operation. A reused key with
 * other arguments is a CONFLICT (reason IDEMPOTENCY_KEY_REUSED), as is a key whose first call is
 * still running (IDEMPOTENCY_KEY_IN_USE, retry later): the caller's retry logic is at fault or
 * racing, and neither call may run twice.
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
      return { kind: 'replay', result: { value: claim.response as T, auditEventId: claim.auditEventId } };
    case 'mismatch':
      throw new OrgqlError('CONFLICT', 'This idempotencyKey was already used with different arguments; use a new key for a different change.', {
        reason: 'IDEMPOTENCY_KEY_REUSED',
      });
    case 'in-progress':
      throw new OrgqlError('CONFLICT', 'A call with this idempotencyKey is still in progress; retry after it finishes.', { reason: 'IDEMPOTENCY_KEY_IN_USE' });
    case 'claimed':
      return {
        kind: 'run',
        release: () => ctx.idempotency.release(scope).catch((err) => ctx.logger.error({ err, operation: intent.operation }, 'idempotency key could not be released')),
        complete: (auditEventId, value) =>
          ctx.idempotency.complete(scope, auditEventId, value).catch((err) => ctx.logger.error({ err, operation: intent.operation }, 'idempotency result could not be stored')),
      };
  }
}
