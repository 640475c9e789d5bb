import type { MirrorChange } from './entity-ref';
import { recordToJson, refOfKey, stableText } from './mirror-record';
import type { MirrorSnapshot, RecordUpdate } from './mirror-snapshot';

/** The updates that actually change the snapshot, and the same as changes (before/after as JSON). */
export function diffUpdates(snapshot: MirrorSnapshot, updates: Iterable<RecordUpdate>): { updates: RecordUpdate[]; changes: MirrorChange[] } {
  const changed: RecordUpdate[] = [];
  const changes: MirrorChange[] = [];
  for (const update of updates) {
    const before = snapshot.getByKey(update.key);
    const after = update.data ?? null;
    if (before === undefined && after === null) continue;
    if (before !== undefined && after !== null && stableText(before) === stableText(after)) continue;
    changed.push({ key: update.key, data: after });
    changes.push({ ref: refOfKey(update.key), before: before === undefined ? null : recordToJson(before), after: after === null ? null : recordToJson(after) });
  }
  return { updates: changed, changes };
}

/**
 * A full read against the snapshot: what it holds that the read did not find is gone. `scope`
 * limits which records the read covers (the tree pass does not read tags, the tags pass reads only tags).
 */
export function fullReadUpdates(snapshot: MirrorSnapshot, read: readonly RecordUpdate[], scope: (key: string) => boolean): RecordUpdate[] {
  const seen = new Set(read.map((u) => u.key));
  const gone: RecordUpdate[] = [];
  for (const key of snapshot.keys()) if (scope(key) && !seen.has(key)) gone.push({ key, data: null });
  return [...read, ...gone];
}
