import { loadSeedFile, startEmulator, type RunningEmulator, type StartOptions } from '../emulator';

export interface SeededEmulatorOptions extends Omit<StartOptions, 'seed'> {
  /** `demo`, `empty`, or the path of a seed file. */
  readonly seed: string;
  readonly host: string;
  readonly port: number;
}

/** Starts the emulator with a named seed or one read from a file (the only place a seed file is opened). */
export function startSeededEmulator(options: SeededEmulatorOptions): Promise<RunningEmulator> {
  const { seed, ...rest } = options;
  const document = seed === 'demo' || seed === 'empty' ? seed : loadSeedFile(seed);
  return startEmulator({ ...rest, seed: document });
}
