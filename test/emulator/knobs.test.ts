import { DescribeOrganizationCommand, ListRootsCommand } from '@aws-sdk/client-organizations';
import { awsError, rawCall, manualClock, startTestEmulator } from './harness';

describe('knobs and stats', () => {
  it('counts every request that reached an operation, errors included, until reset', async () => {
    const t = await startTestEmulator({ seed: 'demo' });
    await t.client.send(new ListRootsCommand({}));
    await t.client.send(new ListRootsCommand({}));
    await rawCall(t.emulator.url, 'DescribeAccount', '{}');
    await rawCall(t.emulator.url, 'NoSuchOperation', '{}');
    const stats = (await (await fetch(`${t.emulator.url}/_emulator/stats`)).json()) as unknown;
    expect(stats).toEqual({ calls: { DescribeAccount: 1, ListRoots: 2 }, total: 3 });
    expect(t.emulator.stats()).toEqual(stats);
    const reset = await fetch(`${t.emulator.url}/_emulator/reset-stats`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(t.emulator.stats()).toEqual({ calls: {}, total: 0 });
    await t.close();
  });

  it('throttles at the documented per-API bucket and refills with time', async () => {
    const clock = manualClock();
    const t = await startTestEmulator({ seed: 'demo', throttle: true, now: clock.now });
    // ListRoots: rate 1/s, burst 2 (UG quotas, throttling table).
    await t.client.send(new ListRootsCommand({}));
    await t.client.send(new ListRootsCommand({}));
    const error = await awsError(t.client.send(new ListRootsCommand({})));
    expect(error.name).toBe('TooManyRequestsException');
    expect(error.Type).toBe('RateLimitExceeded');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    await t.client.send(new DescribeOrganizationCommand({}));
    clock.advance(1000);
    await t.client.send(new ListRootsCommand({}));
    await t.close();
  });

  it('injects ServiceException 500s at failRate using the injected random source', async () => {
    let n = 0;
    const t = await startTestEmulator({ seed: 'demo', failRate: 0.5, random: () => ((n += 1) % 2 === 0 ? 0.1 : 0.9) });
    const results = await Promise.all([1, 2, 3, 4].map(() => rawCall(t.emulator.url, 'ListRoots', '{}')));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 500, 500]);
    const failed = results.find((r) => r.status === 500);
    expect(failed?.json.__type).toBe('ServiceException');
    await t.close();
  });

  it('adds latencyMs to every call', async () => {
    const t = await startTestEmulator({ seed: 'demo', latencyMs: 120 });
    const started = Date.now();
    await t.client.send(new ListRootsCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    await t.close();
  });
});
