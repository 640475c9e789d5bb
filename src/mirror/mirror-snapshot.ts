import { deepFreeze, type RecordData, type RecordKind, recordKey } from './mirror-record';

/** A record change: its key and new data (null = the entity is gone). */
export interface RecordUpdate {
  readonly key: string;
  readonly data: unknown;
}

export interface SnapshotMeta {
  /** Monotonic across replicas: the state row's version in PostgreSQL. */
  readonly version: number;
  /** When the last full sync of the tree and policies finished (null: never). */
  readonly syncedAt: Date | null;
  /** Tags are synced after the rest, with their own freshness. */
  readonly tagsSyncedAt: Date | null;
}

/**
 * One immutable version of the organization: frozen records keyed `KIND id`, plus indexes derived
 * lazily (a snapshot never changes, so what is derived once stays true). A new version is a new
 * snapshot (`withUpdates`); readers holding the old one keep a consistent view.
 */
export class MirrorSnapshot implements SnapshotMeta {
  readonly #records: ReadonlyMap<string, unknown>;
  #parents: Map<string, string> | undefined;

  private constructor(
    records: ReadonlyMap<string, unknown>,
    readonly version: number,
    readonly syncedAt: Date | null,
    readonly tagsSyncedAt: Date | null,
  ) {
    this.#records = records;
    Object.freeze(this);
  }

  static empty(): MirrorSnapshot {
    return new MirrorSnapshot(new Map(), 0, null, null);
  }

  static of(updates: Iterable<RecordUpdate>, meta: SnapshotMeta): MirrorSnapshot {
    return MirrorSnapshot.empty().withUpdates(updates, meta);
  }

  get<K extends RecordKind>(kind: K, id = ''): RecordData[K] | undefined {
    return this.#records.get(recordKey(kind, id)) as RecordData[K] | undefined;
  }

  getByKey(key: string): unknown {
    return this.#records.get(key);
  }

  keys(): IterableIterator<string> {
    return this.#records.keys();
  }

  get size(): number {
    return this.#records.size;
  }

  /** Child id -> parent id, from every CHILDREN record. */
  parentOf(childId: string): string | undefined {
    if (!this.#parents) {
      const parents = new Map<string, string>();
      for (const [key, value] of this.#records) {
        if (!key.startsWith('CHILDREN ')) continue;
        const parentId = key.slice('CHILDREN '.length);
        const children = value as RecordData['CHILDREN'];
        for (const id of children.ous) parents.set(id, parentId);
        for (const id of children.accounts) parents.set(id, parentId);
      }
      this.#parents = parents;
    }
    return this.#parents.get(childId);
  }

  /** A new snapshot: these records replaced (null removes one), everything else shared. */
  withUpdates(updates: Iterable<RecordUpdate>, meta: SnapshotMeta): MirrorSnapshot {
    const records = new Map(this.#records);
    for (const { key, data } of updates) {
      if (data === null || data === undefined) records.delete(key);
      else records.set(key, deepFreeze(data));
    }
    return new MirrorSnapshot(records, meta.version, meta.syncedAt, meta.tagsSyncedAt);
  }
}
