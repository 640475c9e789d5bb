import type { ApiKeyRecord } from './api-key-store';

/** What a lookup of a presented key found: the active key it proves, or nothing. */
export type VerifiedKey = ApiKeyRecord | undefined;

export interface ApiKeyCacheSettings {
  /** How long a verdict is trusted: the bound on a revocation whose notification was missed. */
  readonly ttlMs: number;
  /** At most this many verdicts are kept (least recently used go first), so unknown keys cannot grow it. */
  readonly maxEntries: number;
  readonly now?: () => number;
}

export const DEFAULT_API_KEY_CACHE: ApiKeyCacheSettings = { ttlMs: 5000, maxEntries: 10_000 };

interface Entry {
  readonly keyId: string;
  readonly verdict: VerifiedKey;
  readonly expiresAt: number;
}

/**
 * Verdicts on presented API keys for a few seconds, so that a warm request does not cost a database
 * round trip. Entries are keyed by the SHA-256 of the presented secret (with its key id), never the
 * secret itself. Both verdicts are kept: a valid key, and a refused one (so a caller retrying a bad
 * key does not reach the database on every request either); the LRU bound caps what random keys can
 * fill. `invalidate(keyId)` drops every verdict on a key at once (its revocation here or, through a
 * notification, on another replica), and a lookup that was running meanwhile does not store its
 * now possibly stale verdict.
 */
export class ApiKeyVerdictCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  /** Bumped by every invalidation: a lookup that saw another value does not store its verdict. */
  private generation = 0;

  constructor(private readonly settings: ApiKeyCacheSettings = DEFAULT_API_KEY_CACHE) {
    this.now = settings.now ?? Date.now;
  }

  async verdict(keyId: string, secretHash: string, lookup: () => Promise<VerifiedKey>): Promise<VerifiedKey> {
    const cacheKey = `${keyId}:${secretHash}`;
    const hit = this.entries.get(cacheKey);
    if (hit) {
      this.entries.delete(cacheKey);
      if (hit.expiresAt > this.now()) {
        this.entries.set(cacheKey, hit);
        return hit.verdict;
      }
    }
    const generation = this.generation;
    const verdict = await lookup();
    if (generation === this.generation && this.settings.ttlMs > 0) {
      this.entries.set(cacheKey, { keyId, verdict, expiresAt: this.now() + this.settings.ttlMs });
      while (this.entries.size > this.settings.maxEntries) {
        const oldest = this.entries.keys().next().value as string;
        this.entries.delete(oldest);
      }
    }
    return verdict;
  }

  /** Forgets every verdict on that key (revoked, or changed on another replica). */
  invalidate(keyId: string): void {
    this.generation += 1;
    for (const [cacheKey, entry] of this.entries) if (entry.keyId === keyId) this.entries.delete(cacheKey);
  }

  /** Forgets everything (e.g. when notifications may have been missed). */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
