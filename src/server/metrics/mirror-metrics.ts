import { Gauge, type Registry } from 'prom-client';

/** What the metrics read from the org mirror (OrgMirror.status(), src/mirror). */
export interface MirrorStatusView {
  readonly state: string;
  readonly version: number;
  readonly syncedAt: Date | null;
  readonly lastSyncDurationMs: number | undefined;
}

/**
 * The mirror's version, age and last sync duration, read from its status at scrape time (gauges
 * with a collect callback: nothing to keep in step between scrapes).
 */
export function registerMirrorMetrics(registry: Registry, status: () => MirrorStatusView, now: () => number = Date.now): void {
  const registers = [registry];
  new Gauge({
    name: 'orgql_mirror_version',
    help: 'Version of the organization snapshot this process serves.',
    registers,
    collect() {
      this.set(status().version);
    },
  });
  new Gauge({
    name: 'orgql_mirror_age_seconds',
    help: 'Seconds since the snapshot served was last synced with upstream (NaN before the first sync).',
    registers,
    collect() {
      const { syncedAt } = status();
      this.set(syncedAt ? (now() - syncedAt.getTime()) / 1000 : Number.NaN);
    },
  });
  new Gauge({
    name: 'orgql_mirror_last_sync_duration_seconds',
    help: 'How long the last full sync with upstream took (NaN before the first).',
    registers,
    collect() {
      const { lastSyncDurationMs } = status();
      this.set(lastSyncDurationMs === undefined ? Number.NaN : lastSyncDurationMs / 1000);
    },
  });
  new Gauge({
    name: 'orgql_mirror_state',
    help: "1 for the mirror's current state, by state.",
    labelNames: ['state'],
    registers,
    collect() {
      this.reset();
      this.set({ state: status().state }, 1);
    },
  });
}
