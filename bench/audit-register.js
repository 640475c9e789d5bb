// For the audit benchmarks: swc-register.js plus one resolution rule. Prisma's generated client
// imports its siblings as './x.js' (ESM style) while only x.ts exists; jest maps these with
// moduleNameMapper, and this does the same for plain Node.
// Usage: node -r ./bench/audit-register.js bench/audit-query.bench.ts
'use strict';
require('./swc-register.js');
const Module = require('node:module');

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveTsForJs(request, parent, ...rest) {
  try {
    return resolve.call(this, request, parent, ...rest);
  } catch (error) {
    if (request.startsWith('.') && request.endsWith('.js')) return resolve.call(this, request.slice(0, -3) + '.ts', parent, ...rest);
    throw error;
  }
};
