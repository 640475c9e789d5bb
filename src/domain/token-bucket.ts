/**
 * A token bucket: `ratePerSecond` tokens refill continuously up to `burst`. Pure apart from the
 * clock, which the caller passes in, so it is deterministic under test.
 */
export interface TokenBucketState {
  tokens: number;
  updatedAtMs: number;
}

export interface TakeResult {
  readonly allowed: boolean;
  /** When not allowed: how long until one token is available, rounded up to whole seconds. */
  readonly retryAfterSeconds: number;
}

export function takeToken(state: TokenBucketState, nowMs: number, ratePerSecond: number, burst: number): TakeResult {
  const elapsedSeconds = Math.max(0, nowMs - state.updatedAtMs) / 1000;
  state.tokens = Math.min(burst, state.tokens + elapsedSeconds * ratePerSecond);
  state.updatedAtMs = nowMs;
  if (state.tokens >= 1) {
    state.tokens -= 1;
    return { allowed: true, retryAfterSeconds: 0 };
  }
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - state.tokens) / ratePerSecond)) };
}

export function fullBucket(burst: number, nowMs: number): TokenBucketState {
  return { tokens: burst, updatedAtMs: nowMs };
}
