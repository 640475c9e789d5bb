import { readFileSync } from 'node:fs';
import { randomIdGenerator, seededRandom } from '../ids';
import { buildState } from './build-state';
import { parseSeedDocument } from './seed-document';
import type { SeedDocument } from './seed-document';

/**
 * The emulator's only file-system access: read, JSON-parse and validate a seed file. Validation is
 * structural and semantic (a trial build of the state), so a bad reference fails here, not at start.
 */
export function loadSeedFile(path: string): SeedDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read seed file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Seed file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const seed = parseSeedDocument(json, `seed file ${path}`);
  buildState(seed, randomIdGenerator(seededRandom(1)), new Date());
  return seed;
}
