import type { RecordUpdate } from './mirror-snapshot';
import type { MirrorState } from '../domain/mirror';

export type { MirrorState } from '../domain/mirror';

/** The persisted head of the mirror. */
export interface StoredHead {
  readonly version: number;
  readonly syncedAt: Date | null;
  readonly tagsSyncedAt: Date | null;
  readonly status: MirrorState;
  readonly lastError: string | null;
}

export interface StoredRecord extends RecordUpdate {
  readonly version: number;
}

/** Where versions live so that replicas and restarts share them (PostgreSQL via Prisma). */
export interface MirrorStore {
  head(): Promise<StoredHead>;
  /** Records changed after `version` (tombstones included, as null data), oldest first. */
  recordsAfter(version: number): Promise<StoredRecord[]>;
  /**
   * Writes the records as one new version (taken under the head's row lock, so it is above every
   * version any replica wrote) and announces it to every replica on commit. Returns the version.
   */
  commit(updates: readonly RecordUpdate[], head: { syncedAt?: Date; tagsSyncedAt?: Date; status?: MirrorState }): Promise<number>;
  /** Status and error only; no new version. */
  setStatus(status: MirrorState, lastError: string | null): Promise<void>;
  /** Asks the leader (through the notification channel) for a full sync. */
  requestSync(): Promise<void>;
}

/** The channel every replica LISTENs on; the payload is a new version, or `sync` (a request to the leader). */
export const MIRROR_CHANNEL = 'orgql_mirror';
