#!/usr/bin/env node
// Runs `prisma generate` without network access. The Prisma 7 CLI downloads its native schema
// engine before `generate`, but generation itself runs in WebAssembly and never executes that
// binary; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips the download
// (see shared/docs/toolchain.md, "Prisma 7 offline").
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;

const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate'], {
  cwd: path.resolve(__dirname, '..'),
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
process.exit(result.status ?? 1);
