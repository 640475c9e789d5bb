import { childPath, indexPath, ROOT_PATH } from './json-path';

/**
 * A strict RFC 8259 JSON reader that, unlike JSON.parse, tells us *where* things are.
 * Why our own: JSON.parse error messages and their position wording differ between Node
 * versions, and it silently keeps the last of duplicate keys. We need stable line/column for
 * INVALID_JSON and positions for every diagnostic path, and we want to flag duplicate keys.
 * Nesting deeper than MAX_DEPTH is reported as a syntax error instead of risking the stack
 * (policies are at most ~10 KB, real ones nest < 10 levels).
 */
export const MAX_DEPTH = 256;

export interface JsonSyntaxError {
  offset: number;
  message: string;
}
export interface DuplicateKey {
  path: string;
  key: string;
  offset: number;
}
export type JsonParseResult = { ok: true; value: unknown; positions: Map<string, number>; duplicates: DuplicateKey[] } | { ok: false; error: JsonSyntaxError };

class SyntaxFailure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// A string body: unescaped chars except control chars, quote and backslash, or valid escapes.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

export function parseJsonWithPositions(text: string): JsonParseResult {
  const positions = new Map<string, number>();
  const duplicates: DuplicateKey[] = [];
  let pos = 0;

  const fail = (message: string, at = pos): never => {
    throw new SyntaxFailure(at, message);
  };
  const skipWs = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) pos++;
      else break;
    }
  };
  const describe = (): string => (pos >= text.length ? 'end of input' : `character ${JSON.stringify(text[pos])}`);

  const readString = (): string => {
    STRING.lastIndex = pos;
    const m = STRING.exec(text);
    if (!m) {
      // Find the first offending character for a precise position.
      let i = pos + 1;
      while (i < text.length && text[i] !== '"') {
        const c = text.charCodeAt(i);
        if (c < 0x20) fail('Control character in string.', i);
        if (text[i] === '\\') {
          const esc = text[i + 1];
          if (esc === 'u') {
            if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('Invalid unicode escape in string.', i);
            i += 6;
            continue;
          }
          if (esc === undefined || !'"\\/bfnrt'.includes(esc)) fail('Invalid escape in string.', i);
          i += 2;
          continue;
        }
        i++;
      }
      fail('Unterminated string.', pos);
    }
    pos = STRING.lastIndex;
    return JSON.parse(m![0]) as string;
  };

  const readValue = (path: string, depth: number): unknown => {
    skipWs();
    if (depth > MAX_DEPTH) fail(`Nesting deeper than ${MAX_DEPTH} levels.`);
    const c = text[pos];
    if (c === '{') return readObject(path, depth);
    if (c === '[') return readArray(path, depth);
    if (c === '"') return readString();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = pos;
    const m = c === '-' || (c !== undefined && c >= '0' && c <= '9') ? NUMBER.exec(text) : null;
    if (m) {
      pos = NUMBER.lastIndex;
      return Number(m[0]);
    }
    return fail(`Unexpected ${describe()}, expected a value.`);
  };

  const readObject = (path: string, depth: number): Record<string, unknown> => {
    const obj: Record<string, unknown> = {};
    const seen = new Set<string>();
    pos++;
    skipWs();
    if (text[pos] === '}') {
      pos++;
      return obj;
    }
    for (;;) {
      skipWs();
      if (text[pos] !== '"') fail(`Unexpected ${describe()}, expected a property name in double quotes.`);
      const keyAt = pos;
      const key = readString();
      const member = childPath(path, key);
      skipWs();
      if (text[pos] !== ':') fail(`Unexpected ${describe()}, expected ':' after a property name.`);
      pos++;
      const value = readValue(member, depth + 1);
      if (seen.has(key)) duplicates.push({ path: member, key, offset: keyAt });
      else positions.set(member, keyAt);
      seen.add(key);
      // defineProperty so that a "__proto__" key stays data, exactly as JSON.parse does.
      Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      skipWs();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === '}') {
        pos++;
        return obj;
      }
      fail(`Unexpected ${describe()}, expected ',' or '}'.`);
    }
  };

  const readArray = (path: string, depth: number): unknown[] => {
    const arr: unknown[] = [];
    pos++;
    skipWs();
    if (text[pos] === ']') {
      pos++;
      return arr;
    }
    for (;;) {
      skipWs();
      const element = indexPath(path, arr.length);
      positions.set(element, pos);
      arr.push(readValue(element, depth + 1));
      skipWs();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === ']') {
        pos++;
        return arr;
      }
      fail(`Unexpected ${describe()}, expected ',' or ']'.`);
    }
  };

  try {
    skipWs();
    positions.set(ROOT_PATH, pos);
    const value = readValue(ROOT_PATH, 0);
    skipWs();
    if (pos < text.length) fail(`Unexpected ${describe()} after the JSON value.`);
    return { ok: true, value, positions, duplicates };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, error: { offset: e.offset, message: e.message } };
    throw e;
  }
}

/** 1-based line and column (in UTF-16 code units) of a character offset; \r\n counts as one break. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
