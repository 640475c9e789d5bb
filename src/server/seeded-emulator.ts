import type { Logger } from 'pino';
import { loadSeedFile, startEmulator, type RunningEmulator, type SeedDocument, type StartOptions } from '../emulator';
import { createStateSaver, lockStateFile, readStateFile } from './emulator-state-file';

export interface SeededEmulatorOptions extends Omit<StartOptions, 'seed' | 'restore' | 'onChange'> {
  /** `demo`, `empty`, or the path of a seed file. Used only when there is no saved state (or on reset). */
  readonly seed: string;
  readonly host: string;
  readonly port: number;
  /** Where the organization is saved after each change and restored from at start; in memory only when unset. */
  readonly statePath?: string | undefined;
  /** Start over from the seed, replacing the saved state. */
  readonly reset?: boolean | undefined;
  readonly logger?: Logger | undefined;
}

export interface SeededEmulator extends RunningEmulator {
  /** `restored` when the organization came from the state file, `seeded` when it was built from the seed. */
  readonly origin: 'restored' | 'seeded';
}

function seedDocument(seed: string): 'demo' | 'empty' | SeedDocument {
  return seed === 'demo' || seed === 'empty' ? seed : loadSeedFile(seed);
}

/**
 * Starts the emulator with a named seed or one read from a file (the only place a seed file is
 * opened) or, with a state file, the organization saved there. Every change is saved
 * (emulator-state-file.ts); close() stops serving first, then waits for the last save.
 */
export async function startSeededEmulator(options: SeededEmulatorOptions): Promise<SeededEmulator> {
  const { seed, statePath, reset, logger, ...rest } = options;
  if (statePath === undefined) return { ...(await startEmulator({ ...rest, seed: seedDocument(seed) })), origin: 'seeded' };

  const lock = lockStateFile(statePath);
  try {
    const restored = reset ? undefined : readStateFile(statePath);
    let serialize = (): string => {
      throw new Error('the emulator is not started yet');
    };
    const saver = createStateSaver(statePath, () => serialize(), logger);
    const emulator = await startEmulator({
      ...rest,
      ...(restored ? { restore: restored } : { seed: seedDocument(seed) }),
      onChange: () => saver.changed(),
    });
    serialize = emulator.serialize;
    try {
      // A new organization is on disk before anyone sees its ids.
      if (!restored) await saver.saveNow();
    } catch (error) {
      await emulator.close();
      throw error;
    }
    return {
      ...emulator,
      origin: restored ? 'restored' : 'seeded',
      async close() {
        try {
          await emulator.close();
          await saver.flush();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
