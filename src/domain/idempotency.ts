/**
 * Idempotency keys of mutations (as Stripe's Idempotency-Key): a key is scoped per actor and
 * operation; the first call with it runs, a retry with the same arguments gets the first result.
 */
export interface IdempotencyScope {
  readonly actorId: string;
  readonly operation: string;
  readonly key: string;
}

export type IdempotencyClaim =
  /** This call owns the key and runs the change. */
  | { readonly kind: 'claimed' }
  /** A previous call with the same key and arguments completed: return its result. */
  | { readonly kind: 'replay'; readonly auditEventId: string; readonly response: unknown }
  /** The same key is being used by a call that has not finished. */
  | { readonly kind: 'in-progress' }
  /** The key was used before with different arguments. */
  | { readonly kind: 'mismatch' };

export interface IdempotencyStore {
  /** Atomically claims the key for these arguments; concurrent claims of one key cannot both win. */
  claim(scope: IdempotencyScope, args: Readonly<Record<string, unknown>>): Promise<IdempotencyClaim>;
  /** Stores the first result for replays. */
  complete(scope: IdempotencyScope, auditEventId: string, response: unknown): Promise<void>;
  /** Gives the key up after a failed call, so that a retry runs the change again. */
  release(scope: IdempotencyScope): Promise<void>;
}
