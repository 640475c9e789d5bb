import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** `npm start` rebuilds only when what the build reads changed (scripts/build-if-changed.js). */
const SCRIPT = path.resolve(__dirname, '..', '..', 'scripts', 'build-if-changed.js');

function run(root: string, flag: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, flag], { env: { PATH: process.env.PATH, ORGQL_BUILD_ROOT: root } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

describe('build-if-changed', () => {
  let root: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'orgql-build-'));
    write('src/server/cli.ts', 'export const a = 1;\n');
    write('schema.graphql', 'type Query { a: Int }\n');
    write('prisma/schema.prisma', 'generator client {}\n');
    write('tsconfig.json', '{}\n');
    // What a build leaves.
    write('dist/server/cli.js', '');
    write('src/generated/prisma/client.ts', '');
    write('src/generated/graphql.ts', '');
    write('dist/console/index.html', '');
    write('web/src/main.tsx', 'export {};\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds the build up to date after a stamp, even when only modification times changed', async () => {
    expect((await run(root, '--stamp')).code).toBe(0);
    const future = new Date(Date.now() + 60_000);
    utimesSync(path.join(root, 'src/server/cli.ts'), future, future);
    expect(await run(root, '--check')).toEqual({ code: 0, output: expect.stringContaining('up to date') });
  });

  it.each([
    ['a source file', 'src/server/cli.ts', 'export const a = 2;\n'],
    ['a new source file', 'src/server/new.ts', 'export {};\n'],
    ['the GraphQL schema', 'schema.graphql', 'type Query { b: Int }\n'],
    ['the Prisma schema', 'prisma/schema.prisma', 'generator client { }\n'],
    ['the TypeScript configuration', 'tsconfig.json', '{ "compilerOptions": {} }\n'],
    ['a console source file', 'web/src/main.tsx', 'export const b = 1;\n'],
    ["the console's page", 'web/index.html', '<!doctype html>\n'],
  ])('asks for a build when %s changed', async (_what, file, text) => {
    await run(root, '--stamp');
    write(file, text);
    expect(await run(root, '--check')).toEqual({ code: 1, output: expect.stringContaining('changed') });
  });

  it('ignores generated code, and asks for a build when an output is missing', async () => {
    await run(root, '--stamp');
    write('src/generated/graphql.ts', 'export type X = 1;\n');
    write('web/src/gql/graphql.ts', 'export type X = 1;\n');
    expect((await run(root, '--check')).code).toBe(0);
    rmSync(path.join(root, 'dist'), { recursive: true });
    mkdirSync(path.join(root, 'dist'));
    await run(root, '--stamp');
    expect((await run(root, '--check')).code).toBe(1);
  });
});
