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
  /** This call owns the key and runs the change; only `ownerToken` may complete or release it. */
  | { readonly kind: 'claimed'; readonly ownerToken: string }
  /** A previous call with the same key and arguments completed: return its result. */
  | { readonly kind: 'replay'; readonly auditEventId: string; readonly response: unknown }
  /** The same key is being used by a call that has not finished (or whose outcome is not known yet). */
  | { readonly kind: 'in-progress' }
  /** The key was used before with different arguments. */
  | { readonly kind: 'mismatch' };

export interface IdempotencyStore {
  /** Atomically claims the key for these arguments; concurrent claims of one key cannot both win. */
  claim(scope: IdempotencyScope, args: Readonly<Record<string, unknown>>): Promise<IdempotencyClaim>;
  /** Stores the first result for replays, if `ownerToken` still owns the key. */
  complete(scope: IdempotencyScope, ownerToken: string, auditEventId: string, response: unknown): Promise<void>;
  /** Gives the key up after a call that changed nothing, so that a retry runs the change again; only its owner can. */
  release(scope: IdempotencyScope, ownerToken: string): Promise<void>;
  /**
   * The reconciler's settlement of the claim that wrote the intent `intentId` (made before it):
   * SUCCEEDED completes it (the change is done: retries replay `response`), FAILED releases it.
   */
  settle(
    scope: IdempotencyScope,
    intent: { readonly id: string; readonly occurredAt: Date },
    outcome: 'SUCCEEDED' | 'FAILED',
    response: unknown,
  ): Promise<void>;
}
