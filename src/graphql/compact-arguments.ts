import { createHash } from 'node:crypto';

/** Arguments larger than this (as JSON, UTF-8) are recorded as their digest on refused attempts. */
export const MAX_RECORDED_ARGUMENT_BYTES = 8 * 1024;

/**
 * The arguments of a refused attempt (FORBIDDEN, RATE_LIMITED, invalid input) as the audit log
 * keeps them: any value whose JSON exceeds 8 KiB becomes `{ sha256, size }` (of that JSON), members
 * of objects first, so the small facts (ids, names) stay readable. A flood of refused attempts
 * with huge arguments then costs the append-only log a few hundred bytes each, while the digest
 * still proves what was sent (issue 11 item 5).
 */
export function compactArguments(args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return compact(args) as Record<string, unknown>;
}

function compact(value: unknown): unknown {
  const json = JSON.stringify(value);
  if (json === undefined || Buffer.byteLength(json, 'utf8') <= MAX_RECORDED_ARGUMENT_BYTES) return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const members = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
    if (Buffer.byteLength(JSON.stringify(members), 'utf8') <= MAX_RECORDED_ARGUMENT_BYTES) return members;
  }
  return { sha256: createHash('sha256').update(json, 'utf8').digest('hex'), size: Buffer.byteLength(json, 'utf8') };
}
