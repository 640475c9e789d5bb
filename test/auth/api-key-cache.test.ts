import { ApiKeyVerdictCache, type VerifiedKey } from '../../src/auth/cached-api-key-lookup';
import type { ApiKeyRecord } from '../../src/auth/api-key-store';

const record = (keyId: string): ApiKeyRecord => ({ keyId, name: `key-${keyId}`, role: 'viewer', createdAt: new Date(0), revokedAt: null });

describe('the cache of API key verdicts', () => {
  let clock = 0;
  let lookups = 0;
  const cache = (maxEntries = 100) => new ApiKeyVerdictCache({ ttlMs: 5000, maxEntries, now: () => clock });
  const lookup = (verdict: VerifiedKey) => async () => {
    lookups += 1;
    return verdict;
  };
  beforeEach(() => {
    clock = 1_000_000;
    lookups = 0;
  });

  it('reuses a verdict for the same key id and secret hash until the TTL is over', async () => {
    const c = cache();
    expect(await c.verdict('a', 'h1', lookup(record('a')))).toEqual(record('a'));
    clock += 4999;
    expect(await c.verdict('a', 'h1', lookup(undefined))).toEqual(record('a'));
    expect(lookups).toBe(1);
    clock += 1;
    expect(await c.verdict('a', 'h1', lookup(undefined))).toBeUndefined();
    expect(lookups).toBe(2);
  });

  it('never answers for another secret of the same key id', async () => {
    const c = cache();
    await c.verdict('a', 'right', lookup(record('a')));
    expect(await c.verdict('a', 'wrong', lookup(undefined))).toBeUndefined();
    expect(lookups).toBe(2);
  });

  it('forgets every verdict on a key when it is invalidated (revoked)', async () => {
    const c = cache();
    await c.verdict('a', 'h1', lookup(record('a')));
    await c.verdict('a', 'h2', lookup(undefined));
    await c.verdict('b', 'h3', lookup(record('b')));
    c.invalidate('a');
    expect(c.size).toBe(1);
    expect(await c.verdict('a', 'h1', lookup(undefined))).toBeUndefined();
    expect(await c.verdict('b', 'h3', lookup(undefined))).toEqual(record('b'));
  });

  it('does not store a verdict looked up while an invalidation happened (it may predate the revocation)', async () => {
    const c = cache();
    let release!: () => void;
    const slow = c.verdict('a', 'h1', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return record('a');
    });
    c.invalidate('a');
    release();
    expect(await slow).toEqual(record('a'));
    expect(c.size).toBe(0);
  });

  it('keeps at most maxEntries verdicts, dropping the least recently used: unknown keys cannot grow it', async () => {
    const c = cache(3);
    await c.verdict('keep', 'h', lookup(record('keep')));
    for (let i = 0; i < 50; i++) {
      await c.verdict(`unknown-${i}`, 'h', lookup(undefined));
      await c.verdict('keep', 'h', lookup(undefined));
      expect(c.size).toBeLessThanOrEqual(3);
    }
    expect(await c.verdict('keep', 'h', lookup(undefined))).toEqual(record('keep'));
    expect(await c.verdict('unknown-0', 'h', lookup(record('unknown-0')))).toEqual(record('unknown-0'));
  });
});
