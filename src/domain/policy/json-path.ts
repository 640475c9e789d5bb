/**
 * JSON paths in the `$.a.b[0]` style used in diagnostics, provenance and diffs.
 * Keys that are not plain identifiers (ARNs as backup copy_action keys, `@@` operators are kept
 * readable on purpose) are written in bracket form: `$['arn:aws:backup:…']`.
 */
const PLAIN_KEY = /^[A-Za-z_@$][A-Za-z0-9_@$-]*$/;

export const ROOT_PATH = '$';

export function childPath(parent: string, key: string): string {
  return PLAIN_KEY.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

export function keysToPath(keys: readonly string[]): string {
  let path = ROOT_PATH;
  for (const key of keys) path = childPath(path, key);
  return path;
}
