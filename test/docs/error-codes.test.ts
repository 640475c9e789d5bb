import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_CODES } from '../../src/domain/errors';

const readme = readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');

/** The codes the README lists between its `<!-- error-codes -->` markers. */
function documentedCodes(): string[] {
  const section = /<!-- error-codes -->([\s\S]*?)<!-- \/error-codes -->/.exec(readme)?.[1];
  if (section === undefined) throw new Error('README.md has no <!-- error-codes --> section');
  return [...section.matchAll(/`([A-Z][A-Z_]+)`/g)].map((m) => m[1] as string);
}

describe("the README's list of error codes", () => {
  it('names every code of src/domain/errors.ts', () => {
    expect(ERROR_CODES.filter((code) => !documentedCodes().includes(code))).toEqual([]);
  });

  it('names no code that the error map does not have', () => {
    expect(documentedCodes().filter((code) => !(ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
  });

  it('names each code once', () => {
    const codes = documentedCodes();
    expect(codes.filter((code, i) => codes.indexOf(code) !== i)).toEqual([]);
  });
});
