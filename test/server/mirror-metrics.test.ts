import { Registry } from 'prom-client';
import { registerMirrorMetrics, type MirrorStatusView } from '../../src/server/metrics/mirror-metrics';

describe("the mirror's gauges", () => {
  it('read version, age, last sync duration and state from the status at each scrape', async () => {
    const registry = new Registry();
    let status: MirrorStatusView = { state: 'SYNCING', version: 0, syncedAt: null, lastSyncDurationMs: undefined };
    const now = Date.parse('2026-12-01T12:00:00Z');
    registerMirrorMetrics(
      registry,
      () => status,
      () => now,
    );

    const first = await registry.metrics();
    expect(first).toMatch(/^orgql_mirror_version 0$/m);
    expect(first).toMatch(/^orgql_mirror_state\{state="SYNCING"\} 1$/m);
    expect(first).toMatch(/^orgql_mirror_age_seconds NaN$/im);
    expect(first).toMatch(/^orgql_mirror_last_sync_duration_seconds NaN$/im);

    status = { state: 'READY', version: 7, syncedAt: new Date(now - 42_000), lastSyncDurationMs: 1500 };
    const second = await registry.metrics();
    expect(second).toMatch(/^orgql_mirror_version 7$/m);
    expect(second).toMatch(/^orgql_mirror_age_seconds 42$/m);
    expect(second).toMatch(/^orgql_mirror_last_sync_duration_seconds 1\.5$/m);
    expect(second).toMatch(/^orgql_mirror_state\{state="READY"\} 1$/m);
    expect(second).not.toMatch(/state="SYNCING"/);
  });
});
