#!/usr/bin/env node
'use strict';
// Entry point of the `orgql` command. The TypeScript sources are compiled to dist/ by `npm run build`
// (which `npm start` runs first).
let cli;
try {
  cli = require('../dist/server/cli.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/server/cli.js')) {
    process.stderr.write('orgql: not built yet; run `npm run build` first.\n');
    process.exit(1);
  }
  throw error;
}
cli.main(process.argv);
