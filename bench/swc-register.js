// Minimal require hook so a .ts file runs under plain Node with the already-installed @swc/core
// (no ts-node or @swc/register in this project). Type-stripping only: run `npx tsc --noEmit` for types.
// Usage: node -r ./bench/swc-register.js bench/effective-policy.bench.ts
'use strict';
const { transformSync } = require('@swc/core');
const fs = require('node:fs');

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    filename,
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
