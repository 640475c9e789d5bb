import { OrgqlError } from '../domain/errors';
import { fullBucket, takeToken, type TokenBucketState } from '../domain/token-bucket';

export interface RateLimitSettings {
  /** Mutations per minute per identity, sustained. */
  readonly perMinute: number;
  /** How many may be sent at once before the rate applies. */
  readonly burst: number;
}

/**
 * Per-identity token buckets for mutations, in process memory. Several gateway processes each
 * apply the limit on their own; the limit protects the Organizations API's small write quotas
 * (2 per second for policy changes) from one runaway caller.
 */
export function createMutationRateLimiter(settings: RateLimitSettings, now: () => number = Date.now) {
  const buckets = new Map<string, TokenBucketState>();
  const ratePerSecond = settings.perMinute / 60;
  return function take(identity: string): void {
    const t = now();
    let bucket = buckets.get(identity);
    if (!bucket) {
      if (buckets.size >= 10_000) buckets.clear(); // bounded memory under an identity flood
      buckets.set(identity, (bucket = fullBucket(settings.burst, t)));
    }
    const result = takeToken(bucket, t, ratePerSecond, settings.burst);
    if (!result.allowed) {
      throw new OrgqlError('RATE_LIMITED', `Too many changes; try again in ${result.retryAfterSeconds} s.`, {
        retryAfterSeconds: result.retryAfterSeconds,
      });
    }
  };
}
