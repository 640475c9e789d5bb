import { childPath, ROOT_PATH } from './json-path';
import { deepEqual } from './merge-tree';

/**
 * Structural diff of two effective documents, reported at the highest path that differs.
 * Objects are compared key by key; arrays and scalars are compared as whole values (an appended tag
 * value shows as one `changed` entry for the array, which is how a reviewer reads it).
 * A null/undefined document on either side counts as `{}` so "no policy" → "policy" lists additions.
 */
export interface StructuralDiff {
  added: { path: string; value: unknown }[];
  removed: { path: string; value: unknown }[];
  changed: { path: string; before: unknown; after: unknown }[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function diffDocuments(before: unknown, after: unknown): StructuralDiff {
  const diff: StructuralDiff = { added: [], removed: [], changed: [] };
  const b = before ?? (isObject(after) ? {} : before);
  const a = after ?? (isObject(before) ? {} : after);
  walk(b, a, ROOT_PATH, diff);
  return diff;
}

function walk(before: unknown, after: unknown, path: string, diff: StructuralDiff): void {
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(before)) {
      const here = childPath(path, key);
      if (!Object.prototype.hasOwnProperty.call(after, key)) diff.removed.push({ path: here, value: before[key] });
      else walk(before[key], after[key], here, diff);
    }
    for (const key of Object.keys(after)) {
      if (!Object.prototype.hasOwnProperty.call(before, key)) diff.added.push({ path: childPath(path, key), value: after[key] });
    }
    return;
  }
  if (before === undefined && after !== undefined) diff.added.push({ path, value: after });
  else if (after === undefined && before !== undefined) diff.removed.push({ path, value: before });
  else if (!deepEqual(before, after)) diff.changed.push({ path, before, after });
}
