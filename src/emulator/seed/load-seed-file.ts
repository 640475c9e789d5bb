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
    // V8's message quotes the text around the error ("root:x:0:0"... is not valid JSON): pointed
    // at the wrong file (a key, a password file), that would print its content. Say where only.
    throw new Error(`Seed file ${path} is not valid JSON${whereInText(text, (error as Error).message)}`);
  }
  const seed = parseSeedDocument(json, `seed file ${path}`);
  buildState(seed, randomIdGenerator(seededRandom(1)), new Date());
  return seed;
}

/** " at line L, column C" when V8 names the position of a JSON error, else nothing. */
function whereInText(text: string, message: string): string {
  const position = /\bposition (\d+)/.exec(message);
  if (!position) return '';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  return ` at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}
