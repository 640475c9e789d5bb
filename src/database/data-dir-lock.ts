import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';

export interface DataDirLock {
  release(): void;
}

export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
}

/**
 * An exclusive lock beside PGlite's data directory, held by the operating system for as long as this
 * process lives. A pid file cannot do that: in a container every start is PID 1 (or the PID of the
 * `sh -c` that starts it), so a dead holder's PID is often alive again and a `docker kill` left the
 * directory "in use" forever. The kernel drops a process's locks when it dies, whatever its PID.
 *
 * The lock is SQLite's, through Node's built-in `node:sqlite` (no native add-on to build): an empty
 * SQLite file held in an EXCLUSIVE transaction with `locking_mode=EXCLUSIVE` keeps a POSIX advisory
 * write lock (fcntl) on it (https://www.sqlite.org/lockingv3.html, https://www.sqlite.org/pragma.html#pragma_locking_mode).
 * SQLite also keeps two connections of one process apart, so a second open in this process is
 * refused too. The file stays after release: removing it could split a waiting opener from the
 * next one.
 */
export function holdDataDirLock(dataDir: string): DataDirLock {
  const sqlite = loadSqlite();
  // Node 20 (unsupported, but it may still be what runs) has no node:sqlite: keep the pid file there.
  if (!sqlite) return holdPidFile(dataDir);
  // Beside the directory, not in it: PGlite owns the directory's contents.
  const file = `${path.resolve(dataDir)}.lock`;
  // The pid file that earlier versions left behind means nothing now.
  rmSync(`${path.resolve(dataDir)}.pid`, { force: true });
  let db: DatabaseSync | undefined;
  try {
    db = new sqlite.DatabaseSync(file, { timeout: 0 });
    // The journal in memory: the file never holds data, and a journal file would be one more left beside it.
    db.exec('PRAGMA journal_mode = MEMORY; PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;');
  } catch (error) {
    db?.close();
    if (isBusy(error)) throw inUse(dataDir);
    throw error;
  }
  const held = db;
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      held.close();
    },
  };
}

function inUse(dataDir: string, holder?: number): DataDirInUseError {
  return new DataDirInUseError(
    `The embedded database in ${dataDir} is in use by ${holder ? `process ${holder}` : 'another process'}. Stop it, or set ORGQL_DATA_DIR to another directory, or DATABASE_URL to a PostgreSQL server.`,
  );
}

/** SQLITE_BUSY (5) or SQLITE_LOCKED (6): someone else holds the lock. */
function isBusy(error: unknown): boolean {
  const { errcode, message } = error as { errcode?: unknown; message?: unknown };
  return errcode === 5 || errcode === 6 || (typeof message === 'string' && /database is locked/.test(message));
}

function loadSqlite(): typeof import('node:sqlite') | undefined {
  // getBuiltinModule, not require: node:sqlite exists only with its prefix, which some module
  // loaders (jest's) do not recognise as built in. Node 22.13+ has it without a flag.
  try {
    return process.getBuiltinModule?.('node:sqlite') as typeof import('node:sqlite') | undefined;
  } catch {
    return undefined;
  }
}

/**
 * The fallback where node:sqlite is missing: an exclusive pid file, taken over when its process is
 * gone. It cannot tell a recycled PID from its holder, which is why Node 22.13+ does not use it.
 */
function holdPidFile(dataDir: string): DataDirLock {
  const file = `${path.resolve(dataDir)}.pid`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) throw inUse(dataDir, holder);
      rmSync(file, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock the embedded database in ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
