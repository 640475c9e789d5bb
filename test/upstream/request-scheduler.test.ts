import { PRIORITY, RequestScheduler, type Release } from '../../src/upstream/request-scheduler';

/** Acquires and records the grant order; the releases are handed back to the test. */
function recorder(scheduler: RequestScheduler) {
  const order: string[] = [];
  const releases: Release[] = [];
  const take = (label: string, operation: string, priority: 0 | 1 | 2) =>
    scheduler.acquire(operation, priority).then((release) => {
      order.push(label);
      releases.push(release);
    });
  return { order, releases, take };
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('the request scheduler', () => {
  it('serves changes first, then tree and policy reads, then tags, when slots are scarce', async () => {
    const scheduler = new RequestScheduler({ rateScale: 0, concurrency: 1 });
    const r = recorder(scheduler);
    void r.take('first', 'ListRoots', PRIORITY.read);
    await until(() => r.order.length === 1);
    const rest = [
      r.take('tags', 'ListTagsForResource', PRIORITY.background),
      r.take('read', 'ListChildren', PRIORITY.read),
      r.take('change', 'AttachPolicy', PRIORITY.change),
    ];
    for (let i = 1; i <= 3; i++) {
      r.releases[i - 1]!();
      await until(() => r.order.length === i + 1);
    }
    await Promise.all(rest);
    expect(r.order).toEqual(['first', 'change', 'read', 'tags']);
    expect(scheduler.load()).toEqual({ inFlight: 1, queued: 0 });
  });

  it('never has more requests in flight than its concurrency', async () => {
    const scheduler = new RequestScheduler({ rateScale: 0, concurrency: 3 });
    const r = recorder(scheduler);
    const all = Array.from({ length: 10 }, (_, i) => r.take(String(i), 'DescribeAccount', PRIORITY.read));
    await until(() => r.order.length === 3);
    expect(scheduler.load()).toEqual({ inFlight: 3, queued: 7 });
    while (r.order.length < 10) {
      const granted = r.order.length;
      r.releases.shift()!();
      await until(() => r.order.length === granted + 1);
      expect(scheduler.load().inFlight).toBe(3);
    }
    await Promise.all(all);
  });

  it('paces an operation at its rate, keeping one token of headroom below the burst', async () => {
    // 20 per second with a burst of 4: 3 at once (one token of headroom), then one every 50 ms.
    const scheduler = new RequestScheduler({ rateScale: 1, concurrency: 100, rates: { Op: { rate: 20, burst: 4 } } });
    const started = performance.now();
    const grants: number[] = [];
    const all = Promise.all(
      Array.from({ length: 9 }, () =>
        scheduler.acquire('Op', PRIORITY.read).then((release) => {
          grants.push(performance.now() - started);
          release();
        }),
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(grants).toHaveLength(3);
    await all;
    // No window holds more grants than the bucket allows (capacity 3 + 20/s x window), give or take
    // one for the lag between a grant and the moment its callback runs.
    for (let i = 0; i < grants.length; i++) {
      for (let j = i; j < grants.length; j++) expect(j - i + 1).toBeLessThanOrEqual(4 + (20 * (grants[j]! - grants[i]!)) / 1000);
    }
    expect(grants[8]!).toBeGreaterThanOrEqual(6 * 50 - 5);
  });

  it("does not hold up an operation behind another operation's empty bucket", async () => {
    const scheduler = new RequestScheduler({ rateScale: 1, concurrency: 10, rates: { Slow: { rate: 4, burst: 2 } } });
    const order: string[] = [];
    const slow = [1, 2].map((n) => scheduler.acquire('Slow', PRIORITY.read).then((release) => (order.push(`slow${n}`), release())));
    const fast = scheduler.acquire('Fast', PRIORITY.background).then((release) => (order.push('fast'), release()));
    await fast;
    await slow[0];
    expect(order).toEqual(['slow1', 'fast']);
    await slow[1];
    expect(order).toEqual(['slow1', 'fast', 'slow2']);
  });

  it('lets a waiter leave when its signal aborts, and drains a bucket AWS throttled', async () => {
    const scheduler = new RequestScheduler({ rateScale: 1, concurrency: 10, rates: { Op: { rate: 0.2, burst: 2 } } });
    (await scheduler.acquire('Op', PRIORITY.read))();
    const controller = new AbortController();
    const waiting = scheduler.acquire('Op', PRIORITY.read, controller.signal);
    expect(scheduler.load().queued).toBe(1);
    controller.abort(new Error('deadline'));
    await expect(waiting).rejects.toThrow('deadline');
    expect(scheduler.load()).toEqual({ inFlight: 0, queued: 0 });

    const unpaced = new RequestScheduler({ rateScale: 1, concurrency: 10, rates: { Op: { rate: 1000, burst: 5 } } });
    unpaced.drain('Op');
    const started = performance.now();
    (await unpaced.acquire('Op', PRIORITY.read))();
    expect(performance.now() - started).toBeGreaterThanOrEqual(0.9);
  });
});
