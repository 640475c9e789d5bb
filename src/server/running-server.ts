import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseTarget } from '../database/database';

/**
 * The embedded database (PGlite) can be open in one process only. A gateway that holds it writes
 * where it answers into a file beside the database's lock, so that `orgql apikey ...` and
 * `orgql audit ...` can ask it over HTTP instead of refusing while it runs.
 */
export function serverFileFor(dataDir: string): string {
  return `${path.resolve(dataDir)}.server.json`;
}

interface ServerFile {
  readonly url: string;
  readonly pid: number;
}

/** Writes the file atomically (a reader never sees half of it); the returned function removes it. */
export function announceServer(target: DatabaseTarget, url: string): () => Promise<void> {
  if (target.kind !== 'pglite') return async () => undefined;
  const file = serverFileFor(target.dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  const content: ServerFile = { url, pid: process.pid };
  writeFileSync(temporary, `${JSON.stringify(content)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
  return async () => {
    // Only our own announcement: a later gateway on the same directory may have replaced it.
    if (readServerFile(file)?.pid === process.pid) rmSync(file, { force: true });
  };
}

function readServerFile(file: string): ServerFile | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ServerFile>;
    return typeof parsed.url === 'string' && typeof parsed.pid === 'number' ? { url: parsed.url, pid: parsed.pid } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The URL of the gateway that holds the embedded database, when one answers its health probe.
 * A file left by a gateway that died is ignored (nothing answers, or something else does).
 */
export async function findRunningServer(target: DatabaseTarget, timeoutMs = 2000): Promise<string | undefined> {
  if (target.kind !== 'pglite') return undefined;
  const announced = readServerFile(serverFileFor(target.dataDir));
  if (!announced) return undefined;
  try {
    const response = await fetch(new URL('/healthz', announced.url), { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await response.json()) as { status?: string };
    return response.ok && body.status === 'ok' ? announced.url : undefined;
  } catch {
    return undefined;
  }
}
