import { mkdirSync, readFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { DataDirInUseError, holdDataDirLock, type DataDirLock } from '../database/data-dir-lock';
import { parseState, StateDocumentError, type RestoredState } from '../emulator';

/**
 * The embedded emulator's organization on disk (issue 14, "state that survives"). Reading refuses a
 * file it cannot use, naming the file but never quoting it, and leaves it untouched. Writing is
 * atomic: a temporary file beside the target is written and fsynced, renamed over the target, and
 * the directory is fsynced, so a crash leaves either the old state or the new one, never half.
 */
export class EmulatorStateFileError extends Error {
  override readonly name = 'EmulatorStateFileError';
}

/** The saved state, or undefined when there is none yet. */
export function readStateFile(file: string): RestoredState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EmulatorStateFileError(`The emulator state file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  try {
    return parseState(text);
  } catch (error) {
    if (!(error instanceof StateDocumentError)) throw error;
    throw new EmulatorStateFileError(
      `The emulator state file ${file} cannot be used: ${error.message}. It was left as it is; move it away, or start over with \`orgql emulator --reset\` (or delete it).`,
    );
  }
}

/** One process at a time: two emulators saving to one file would overwrite each other's changes. */
export function lockStateFile(file: string): DataDirLock {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    return holdDataDirLock(file);
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      throw new EmulatorStateFileError(
        `The emulator state file ${file} is in use by another orgql process. Stop it, or set ORGQL_DATA_DIR (or --state) to another place.`,
      );
    }
    throw cannotWrite(file, error);
  }
}

/** A file-system failure, named by its code (EACCES, ENOSPC, EROFS, ...): never mistaken for a socket's. */
export function cannotWrite(file: string, error: unknown): EmulatorStateFileError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'error';
  return new EmulatorStateFileError(
    `The emulator state file ${file} cannot be written (${code}). Check the permissions and free space of its directory, or set ORGQL_DATA_DIR (or --state) to another place.`,
  );
}

export async function writeStateFile(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  // The rename is durable only once the directory entry is.
  const directory = await open(dir, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

export interface StateSaver {
  /** A change happened: save soon. Changes that arrive while a save runs are saved together, next. */
  changed(): void;
  /** Saves now and waits; fails when the file cannot be written (a new organization is saved before it is served). */
  saveNow(): Promise<void>;
  /** Waits until every change reported so far is on disk, or its save failed and was logged (a clean stop calls it last). */
  flush(): Promise<void>;
}

export function createStateSaver(file: string, serialize: () => string, logger?: Logger): StateSaver {
  let dirty = false;
  let running: Promise<void> | undefined;
  const drain = async (): Promise<void> => {
    // Let a burst of requests that are already queued land in one save.
    await new Promise((resolve) => setImmediate(resolve));
    while (dirty) {
      dirty = false;
      try {
        await writeStateFile(file, serialize());
      } catch (error) {
        // Kept dirty: the next change, or the flush at stop, tries again.
        dirty = true;
        logger?.error({ err: error, file }, 'the emulator state could not be saved');
        return;
      }
    }
  };
  const start = (): Promise<void> =>
    (running ??= drain().finally(() => {
      running = undefined;
    }));
  return {
    changed() {
      dirty = true;
      void start();
    },
    async saveNow() {
      await writeStateFile(file, serialize()).catch((error: unknown) => {
        throw cannotWrite(file, error);
      });
    },
    async flush() {
      // A change reported while the last save was finishing starts one more; a failing disk gets two tries.
      for (let attempt = 0; attempt < 3 && (running !== undefined || dirty); attempt += 1) await (running ?? start());
    },
  };
}
