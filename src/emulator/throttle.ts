import { ORGANIZATIONS_RATE_LIMITS, type RateLimit } from '../domain/organizations-rate-limits';
import { fullBucket, takeToken, type TokenBucketState } from '../domain/token-bucket';

/**
 * The emulator's `--throttle`: one token bucket per operation at the documented per-account rates
 * (src/domain/organizations-rate-limits.ts, the table the upstream client paces itself by).
 * Operations the table does not list are not throttled. Time comes from the injected clock.
 */
export interface Throttle {
  /** Takes a token for the operation; false when the bucket is empty. */
  tryTake(operation: string): boolean;
}

export function createThrottle(now: () => Date, rates: Readonly<Record<string, RateLimit>> = ORGANIZATIONS_RATE_LIMITS): Throttle {
  const buckets = new Map<string, TokenBucketState>();
  return {
    tryTake(operation) {
      const limit = rates[operation];
      if (!limit) return true;
      const t = now().getTime();
      let bucket = buckets.get(operation);
      if (!bucket) buckets.set(operation, (bucket = fullBucket(limit.burst, t)));
      return takeToken(bucket, t, limit.rate, limit.burst).allowed;
    },
  };
}
