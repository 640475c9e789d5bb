/**
 * The one JSON form that is hashed: object keys sorted (by UTF-16 code units), no whitespace,
 * `undefined` members dropped. Values must already be plain JSON (see toJsonValue), so that what is
 * hashed at write time is exactly what PostgreSQL's jsonb gives back at verification time.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => compareKeys(a, b));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The key order of canonical JSON: by UTF-16 code units. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** NUL and unpaired surrogates as JSON.stringify escapes them (it escapes nothing else as \u0000 or \udXXX), not preceded by an escaped backslash. */
const UNSTORABLE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi;

/**
 * Turns any value into plain JSON (Dates become ISO strings, undefined members disappear, class
 * instances become their enumerable fields, unstorable characters become U+FFFD as in storableText).
 * Absent values stay undefined.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text === undefined ? undefined : (JSON.parse(text.replace(UNSTORABLE_ESCAPE, '$1\\ufffd')) as unknown);
}
