import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};
/** Text compresses to about a quarter; fonts and images are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.css', '.svg']);

export interface ConsoleAsset {
  readonly body: Buffer;
  readonly type: string;
  /** The body gzipped once at start-up, for clients that accept it. */
  readonly gzip: Buffer | undefined;
}

/** The built assets, read once: a few files, each named by its content hash, so a file never changes under its name. */
export function readConsoleAssets(dir: string): ReadonlyMap<string, ConsoleAsset> {
  const assets = new Map<string, ConsoleAsset>();
  if (!existsSync(dir)) return assets;
  for (const name of readdirSync(dir)) {
    const extension = path.extname(name);
    const type = CONTENT_TYPES[extension];
    if (!type) continue;
    const body = readFileSync(path.join(dir, name));
    assets.set(name, { body, type, gzip: COMPRESSIBLE.has(extension) ? gzipSync(body, { level: 9 }) : undefined });
  }
  return assets;
}
