import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCheckpoint, type Checkpoint } from './checkpoint';

/** A checkpoint file as found: its name and either its content or why it cannot be read. */
export interface CheckpointFile {
  readonly file: string;
  readonly checkpoint: Checkpoint | null;
  readonly problem: string | null;
}

const PATTERN = /^checkpoint-.*\.json$/;

/**
 * Writes the checkpoint as its own file, named by sequence and time so that a listing reads in
 * order. Written under a temporary name and renamed: a reader never sees half a file.
 */
export function writeCheckpoint(dir: string, checkpoint: Checkpoint): string {
  mkdirSync(dir, { recursive: true });
  const stamp = checkpoint.signedAt.replace(/[-:.]/g, '');
  const name = `checkpoint-${checkpoint.sequence.padStart(20, '0')}-${stamp}-${randomBytes(3).toString('hex')}.json`;
  const file = path.join(dir, name);
  const temporary = path.join(dir, `.${name}.tmp`);
  writeFileSync(temporary, `${JSON.stringify(checkpoint, null, 2)}\n`, { mode: 0o644 });
  renameSync(temporary, file);
  return file;
}

/** Every checkpoint file in `dir`, oldest first (none when the directory does not exist). */
export function readCheckpoints(dir: string): CheckpointFile[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => PATTERN.test(name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.map((name) => {
    const file = path.join(dir, name);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return { file, checkpoint: null, problem: `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    const parsed = parseCheckpoint(text);
    return typeof parsed === 'string' ? { file, checkpoint: null, problem: parsed } : { file, checkpoint: parsed, problem: null };
  });
}

/** Whether `dir` holds any checkpoint file. */
export function hasCheckpoints(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => PATTERN.test(name));
  } catch {
    return false;
  }
}
