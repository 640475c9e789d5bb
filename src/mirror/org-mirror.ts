import { OrgqlError } from '../domain/errors';
import type { OrganizationsReader } from '../domain/ports';
import { countingReader } from './counting-reader';
import type { EntityRef, MirrorChange, MirrorStatusReport, RefreshCause } from '../domain/mirror';
import { diffUpdates, fullReadUpdates } from './mirror-diff';
import type { Leadership, MirrorLogger, MirrorNotifications } from './mirror-ports';
import { MirrorSnapshot, type RecordUpdate } from './mirror-snapshot';
import type { MirrorState, MirrorStore } from './mirror-store';
import { readRefs } from './refresh-plan';
import { readOrganization, readTags } from './sync-plan';

export type { EntityRef, MirrorChange, MirrorStatusReport, RefreshCause } from '../domain/mirror';

export type DriftListener = (changes: readonly MirrorChange[], cause: RefreshCause) => Promise<void>;

export interface OrgMirror {
  current(): MirrorSnapshot | undefined;
  /** Resolves with a snapshot; after `timeoutMs` rejects with OrgqlError('MIRROR_NOT_READY', …, { retryAfterSeconds }). */
  ready(timeoutMs?: number): Promise<MirrorSnapshot>;
  status(): MirrorStatusReport;
  /** Re-reads these entities upstream, persists what changed as a new version and resolves once this process serves it. */
  refresh(refs: readonly EntityRef[], cause: RefreshCause): Promise<readonly MirrorChange[]>;
  /** A full sync now (any replica may ask; the leader runs it); resolves with the status after. */
  sync(): Promise<MirrorStatusReport>;
  /** Called with every non-empty set of differences found by EVENT, PERIODIC or SYNC refreshes (not MUTATION). */
  onDrift(listener: DriftListener): void;
  close(): Promise<void>;
}

export interface MirrorSettings {
  /** A full refresh this often (ORGQL_MIRROR_REFRESH_S); its differences are drift. */
  readonly refreshIntervalMs: number;
  /** A persisted state older than this is not served at start; a sync runs first. */
  readonly maxPersistedAgeMs: number;
  /** How long ready() waits by default. */
  readonly readyTimeoutMs: number;
  /** Upstream calls in flight during a sync. */
  readonly concurrency: number;
  /** Replicas also poll the head this often, in case a notification was lost. */
  readonly pollIntervalMs: number;
  /** How long a replica waits for the leader to finish a sync it asked for. */
  readonly syncRequestTimeoutMs: number;
  /** How often the leader re-reads accounts in a transitional state (default 2 s). */
  readonly settleIntervalMs?: number;
}

export interface MirrorDeps {
  readonly upstream: OrganizationsReader;
  readonly store: MirrorStore;
  readonly leadership: Leadership;
  /** Absent on a single-process database (PGlite): nobody else writes. */
  readonly notifications: MirrorNotifications | undefined;
  readonly logger: MirrorLogger;
  readonly settings: MirrorSettings;
  readonly now?: () => Date;
}

/** Why a sync failed, for status: the error's code and message, never a stack or a host. */
function shortError(error: unknown): string {
  if (error instanceof OrgqlError) return `${error.code}: ${error.message}`.slice(0, 300);
  return 'the sync failed unexpectedly; see the gateway log';
}

const TAG_KEY = (key: string) => key.startsWith('TAGS ');

/**
 * The organization mirror: serves immutable snapshots, keeps them fresh (full sync at start when
 * nothing fresh is persisted, a periodic full refresh, targeted refreshes after mutations and
 * events), persists every version in PostgreSQL and follows the versions other replicas write.
 */
export async function startOrgMirror(deps: MirrorDeps): Promise<OrgMirror> {
  const { upstream, store, leadership, logger, settings } = deps;
  const now = deps.now ?? (() => new Date());
  let snapshot = MirrorSnapshot.empty();
  let published: MirrorSnapshot | undefined;
  let state: MirrorState = 'EMPTY';
  let lastError: string | undefined;
  let lastSyncDurationMs: number | undefined;
  let upstreamCallsLastSync: number | undefined;
  let closed = false;
  let syncing: Promise<void> | undefined;
  let periodic: NodeJS.Timeout | undefined;
  let poller: NodeJS.Timeout | undefined;
  let failures = 0;
  const listeners: DriftListener[] = [];
  // Records written by others while a full sync reads: the sync's older reading must not undo them.
  let writtenDuringSync: Set<string> | undefined;
  let persistedTags = false;
  // Reads waiting for the first sync: woken with the snapshot, or with the upstream error that failed it.
  const waiters = new Set<(failure?: OrgqlError) => void>();
  let firstSyncFailure: OrgqlError | undefined;
  // Applying versions is serialised: each apply starts from the snapshot the previous one made.
  let applying: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const guarded = () => (closed ? Promise.reject(new OrgqlError('UPSTREAM_UNAVAILABLE', 'The mirror is shutting down.')) : work());
    const run = applying.then(guarded, guarded);
    applying = run.catch(() => undefined);
    return run;
  };

  const publish = (next: MirrorSnapshot) => {
    snapshot = next;
    if (next.syncedAt === null) return;
    published = next;
    if (state === 'EMPTY' || state === 'SYNCING' || state === 'FAILED') state = 'READY';
    firstSyncFailure = undefined;
    for (const wake of waiters) wake();
    waiters.clear();
  };

  /** Brings this process up to the newest persisted version. */
  const pull = () =>
    serially(async () => {
      const head = await store.head();
      if (head.version <= snapshot.version && head.syncedAt?.getTime() === snapshot.syncedAt?.getTime()) return;
      const records = await store.recordsAfter(snapshot.version);
      for (const record of records) writtenDuringSync?.add(record.key);
      const version = Math.max(head.version, snapshot.version, ...records.map((r) => r.version));
      publish(snapshot.withUpdates(records, { version, syncedAt: head.syncedAt, tagsSyncedAt: head.tagsSyncedAt }));
    });

  /** Persists changed records as a new version and serves it here. */
  const commit = (
    updates: readonly RecordUpdate[],
    head: { syncedAt?: Date; tagsSyncedAt?: Date; status?: MirrorState },
    cause: RefreshCause,
    fromSync = false,
  ) =>
    serially(async () => {
      const fresh = fromSync && writtenDuringSync ? updates.filter((u) => !writtenDuringSync!.has(u.key)) : updates;
      const diff = diffUpdates(snapshot, fresh);
      if (!fromSync) for (const update of diff.updates) writtenDuringSync?.add(update.key);
      if (diff.updates.length === 0 && !head.syncedAt && !head.tagsSyncedAt) return diff.changes;
      await store.commit(diff.updates, head);
      const heads = await store.head();
      const records = await store.recordsAfter(snapshot.version);
      if (!fromSync) for (const record of records) writtenDuringSync?.add(record.key);
      const version = Math.max(heads.version, ...records.map((r) => r.version));
      publish(snapshot.withUpdates(records, { version, syncedAt: heads.syncedAt, tagsSyncedAt: heads.tagsSyncedAt }));
      logger.debug({ version, changed: diff.updates.length, cause: cause.kind }, 'mirror version written');
      return diff.changes;
    });

  const tellDrift = async (changes: readonly MirrorChange[], cause: RefreshCause) => {
    if (changes.length === 0 || cause.kind === 'MUTATION') return;
    for (const listener of listeners) {
      await listener(changes, cause).catch((err: unknown) => logger.error({ err, cause: cause.kind }, 'a mirror drift listener failed'));
    }
  };

  const fullSync = async (cause: 'SYNC' | 'PERIODIC'): Promise<void> => {
    const started = Date.now();
    // Differences against an earlier state (in memory or persisted, however old) are drift; a first sync's are not.
    const hadState = snapshot.size > 0;
    const hadTags = snapshot.tagsSyncedAt !== null || persistedTags;
    if (!published) state = 'SYNCING';
    await store.setStatus(published ? state : 'SYNCING', null).catch(() => undefined);
    const counted = countingReader(upstream);
    writtenDuringSync = new Set();
    try {
      const read = await readOrganization(counted.reader, settings);
      const treeChanges = await commit(
        fullReadUpdates(snapshot, read, (key) => !TAG_KEY(key)),
        { syncedAt: now(), status: 'READY' },
        { kind: cause },
        true,
      );
      state = 'READY';
      lastError = undefined;
      failures = 0;
      if (hadState) await tellDrift(treeChanges, { kind: cause });
      logger.info(
        { version: snapshot.version, calls: counted.calls(), ms: Date.now() - started, changed: treeChanges.length },
        'mirror synced (tree and policies)',
      );
      writtenDuringSync = new Set();
      const tags = await readTags(counted.reader, snapshot, settings);
      const tagChanges = await commit(fullReadUpdates(snapshot, tags, TAG_KEY), { tagsSyncedAt: now() }, { kind: cause }, true);
      if (hadTags) await tellDrift(tagChanges, { kind: cause });
      lastSyncDurationMs = Date.now() - started;
      upstreamCallsLastSync = counted.calls();
      logger.info({ version: snapshot.version, calls: upstreamCallsLastSync, ms: lastSyncDurationMs }, 'mirror synced (tags)');
    } catch (error) {
      // Shutting down: the sync was cut short on purpose, and the database may already be closed.
      if (closed) throw error;
      failures += 1;
      lastError = shortError(error);
      state = published ? 'STALE' : 'FAILED';
      if (!published && error instanceof OrgqlError) {
        // Nothing to serve and upstream refuses: waiting readers get upstream's answer (e.g.
        // UPSTREAM_UNAVAILABLE) now, as they would have without the mirror, instead of a timeout.
        firstSyncFailure = error;
        for (const wake of waiters) wake(error);
        waiters.clear();
      }
      logger.error({ err: error, failures }, 'mirror sync failed; will retry');
      await store.setStatus(state, lastError).catch(() => undefined);
      throw error;
    } finally {
      writtenDuringSync = undefined;
    }
  };

  const runSync = (cause: 'SYNC' | 'PERIODIC'): Promise<void> => {
    syncing ??= fullSync(cause).finally(() => {
      syncing = undefined;
      schedule();
    });
    return syncing;
  };

  /** The leader's next full refresh: one interval after the last sync, sooner (with backoff) after a failure. */
  function schedule(): void {
    clearTimeout(periodic);
    if (closed || !leadership.isLeader()) return;
    const last = snapshot.syncedAt?.getTime();
    const delay =
      failures > 0
        ? Math.min(60_000, 1000 * 2 ** (failures - 1), settings.refreshIntervalMs)
        : last === undefined
          ? 0
          : Math.max(0, last + settings.refreshIntervalMs - now().getTime());
    periodic = setTimeout(() => {
      void runSync(snapshot.syncedAt === null ? 'SYNC' : 'PERIODIC').catch(() => undefined);
    }, delay);
    periodic.unref();
  }

  // Start warm from the persisted state when it is fresh enough.
  const head = await store.head();
  if (head.version > 0 && head.syncedAt && now().getTime() - head.syncedAt.getTime() <= settings.maxPersistedAgeMs) {
    const records = await store.recordsAfter(0);
    publish(MirrorSnapshot.of(records, { version: head.version, syncedAt: head.syncedAt, tagsSyncedAt: head.tagsSyncedAt }));
    logger.info({ version: head.version, syncedAt: head.syncedAt, records: records.length }, 'mirror started warm from the persisted state');
  } else if (head.version > 0) {
    // Too old to serve, but a sync diffs against it (drift) and writes only what changed.
    const records = await store.recordsAfter(0);
    snapshot = MirrorSnapshot.of(records, { version: head.version, syncedAt: null, tagsSyncedAt: null });
    persistedTags = head.tagsSyncedAt !== null;
  }

  const subscription = await deps.notifications?.subscribe((payload) => {
    if (payload === 'sync') {
      if (leadership.isLeader()) void runSync('SYNC').catch(() => undefined);
      return;
    }
    if (Number(payload) > snapshot.version) void pull().catch((err: unknown) => logger.warn({ err }, 'mirror could not pull a new version'));
  });
  if (deps.notifications) {
    poller = setInterval(() => void pull().catch(() => undefined), settings.pollIntervalMs);
    poller.unref();
  }
  // Accounts in a transitional state (PENDING_CLOSURE after CloseAccount, PENDING_ACTIVATION) move on
  // by themselves upstream, without any call: the leader re-reads them until they settle.
  const settler = setInterval(() => {
    if (!leadership.isLeader() || !published) return;
    const unsettled: EntityRef[] = [];
    for (const key of snapshot.keys()) {
      if (!key.startsWith('ACCOUNT ')) continue;
      const state = (snapshot.getByKey(key) as { state?: string }).state;
      if (state === 'PENDING_CLOSURE' || state === 'PENDING_ACTIVATION') unsettled.push({ kind: 'ACCOUNT', id: key.slice('ACCOUNT '.length) });
    }
    if (unsettled.length === 0) return;
    void readRefs(upstream, snapshot, unsettled, settings.concurrency)
      .then((updates) => commit(updates, {}, { kind: 'MUTATION', auditEventId: '', upstreamRequestId: undefined }))
      .catch((err: unknown) => logger.warn({ err }, 'mirror could not re-read accounts in a transitional state'));
  }, settings.settleIntervalMs ?? 2000);
  settler.unref();
  leadership.start((leader) => {
    logger.info({ leader }, leader ? 'this replica leads the mirror (runs syncs)' : 'this replica follows the mirror');
    if (leader)
      void pull()
        .catch(() => undefined)
        .then(schedule);
    else clearTimeout(periodic);
  });

  const status = (): MirrorStatusReport => {
    const current = published;
    let reported = state;
    const age = current?.syncedAt ? now().getTime() - current.syncedAt.getTime() : undefined;
    if (reported === 'READY' && age !== undefined && age > 2 * settings.refreshIntervalMs + 60_000) reported = 'STALE';
    return {
      state: reported,
      version: current?.version ?? 0,
      syncedAt: current?.syncedAt ?? null,
      tagsSyncedAt: current?.tagsSyncedAt ?? null,
      leader: leadership.isLeader(),
      lastError,
      lastSyncDurationMs,
      upstreamCallsLastSync,
    };
  };

  return {
    current: () => published,
    ready(timeoutMs = settings.readyTimeoutMs) {
      if (published) return Promise.resolve(published);
      if (firstSyncFailure && !syncing) return Promise.reject(firstSyncFailure);
      return new Promise<MirrorSnapshot>((resolve, reject) => {
        const wake = (failure?: OrgqlError) => {
          clearTimeout(timer);
          if (failure) reject(failure);
          else resolve(published!);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(
            new OrgqlError('MIRROR_NOT_READY', 'orgql has not finished reading the organization yet; try again shortly.', {
              retryAfterSeconds: Math.max(1, Math.ceil(timeoutMs / 1000)),
              mirrorState: state,
            }),
          );
        }, timeoutMs);
        waiters.add(wake);
      });
    },
    status,
    async refresh(refs, cause) {
      if (!published || refs.length === 0) return [];
      const updates = await readRefs(upstream, snapshot, refs, settings.concurrency);
      const changes = await commit(updates, {}, cause);
      await tellDrift(changes, cause);
      return changes;
    },
    async sync() {
      if (leadership.isLeader()) {
        await runSync('SYNC');
        return status();
      }
      const asked = now().getTime();
      await store.requestSync();
      const deadline = Date.now() + settings.syncRequestTimeoutMs;
      while (Date.now() < deadline) {
        const persisted = await store.head();
        if (
          persisted.syncedAt &&
          persisted.syncedAt.getTime() >= asked &&
          persisted.tagsSyncedAt &&
          persisted.tagsSyncedAt.getTime() >= persisted.syncedAt.getTime()
        ) {
          await pull();
          return status();
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new OrgqlError('UPSTREAM_UNAVAILABLE', 'The leading replica did not finish the sync in time; see its log.');
    },
    onDrift(listener) {
      listeners.push(listener);
    },
    async close() {
      closed = true;
      clearTimeout(periodic);
      clearInterval(poller);
      clearInterval(settler);
      await subscription?.close();
      await leadership.close();
      // A sync in flight finds the mirror closed at its next write and stops there.
      await applying;
    },
  };
}
