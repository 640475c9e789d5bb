import type { EntityRef, MirrorStatusReport, RefreshCause } from '../domain/mirror';

/** The version a request read. */
export interface SnapshotStamp {
  readonly version: number;
  readonly syncedAt: Date | null;
  readonly tagsSyncedAt: Date | null;
}

/**
 * The org mirror as one request sees it (built per request by src/server). Reads go through
 * ctx.organizations, which answers from one snapshot; after a mutation's refresh the request moves
 * to the version holding its own write, so the payload reads it.
 */
export interface RequestMirror {
  /** MIRROR: reads come from the mirror; UPSTREAM: the request asked for `x-orgql-consistency: upstream`. */
  readonly consistency: 'MIRROR' | 'UPSTREAM';
  /** Re-reads what a change touched, persists it, and moves this request to the new version. */
  refresh(refs: readonly EntityRef[], cause: RefreshCause): Promise<void>;
  status(): MirrorStatusReport;
  /**
   * A change is under way: until the mirror's first sync is done, this request's reads (its
   * pre-flight evidence) go upstream instead of waiting, since the change needs upstream anyway.
   */
  readUpstreamUntilReady(): void;
  /** The version this request reads (or read last); undefined before the mirror's first sync. */
  stamp(): SnapshotStamp | undefined;
}
