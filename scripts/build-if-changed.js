#!/usr/bin/env node
// `npm start` (and `npm run emulator|migrate`) build only when something the build reads changed
// since the last build: a restart with nothing changed skips the 15-20 s of prisma generate,
// graphql-codegen and tsc. The build's inputs are hashed by content (a checkout that only touches
// mtimes does not count) and compared with the stamp the last successful build left in dist/.
//   node scripts/build-if-changed.js           build if needed
//   node scripts/build-if-changed.js --stamp   record the current inputs (run by `npm run build`)
//   node scripts/build-if-changed.js --check   exit 0 if up to date, 1 if a build is needed; build nothing
// ORGQL_BUILD_ROOT points it at another checkout (its tests use a scratch tree).
'use strict';
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(process.env.ORGQL_BUILD_ROOT || path.join(__dirname, '..'));
const STAMP = path.join(root, 'dist', '.build-stamp');
// Everything `npm run build` reads, besides node_modules (whose versions package-lock.json pins).
const INPUTS = [
  'src',
  'schema.graphql',
  'prisma/schema.prisma',
  'prisma.config.ts',
  'codegen.ts',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
  'package-lock.json',
  'scripts/prisma-generate.js',
  'web/src',
  'web/index.html',
  'web/vite.config.mts',
  'web/tsconfig.json',
];
// What the build makes: if any is missing (a fresh clone, a deleted dist/), build whatever the stamp says.
const OUTPUTS = ['dist/server/cli.js', 'src/generated/prisma/client.ts', 'src/generated/graphql.ts', 'dist/console/index.html'];

function filesUnder(relative) {
  const absolute = path.join(root, relative);
  if (!existsSync(absolute)) return [];
  if (!statSync(absolute).isDirectory()) return [relative];
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.startsWith(`src${path.sep}generated${path.sep}`) && !file.startsWith(`web${path.sep}src${path.sep}gql${path.sep}`));
}

function inputsHash() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(filesUnder).sort()) {
    hash.update(`${file.split(path.sep).join('/')}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const current = inputsHash();
if (process.argv.includes('--stamp')) {
  writeFileSync(STAMP, `${current}\n`);
  process.exit(0);
}
const stamped = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : '';
if (stamped === current && OUTPUTS.every((file) => existsSync(path.join(root, file)))) {
  process.stdout.write('orgql: the build is up to date with the sources; not rebuilding\n');
  process.exit(0);
}
if (process.argv.includes('--check')) {
  process.stdout.write('orgql: the sources changed since the last build\n');
  process.exit(1);
}
const npm = process.env.npm_execpath;
const result = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
