/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // The console's end-to-end tests live beside it (web/e2e), driving Debian's Chromium.
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/web/e2e'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj|cj)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // ESM-only packages are compiled to CommonJS for jest like our own sources.
  transformIgnorePatterns: ['/node_modules/(?!(jose|@electric-sql/pglite|pglite-prisma-adapter)/)'],
  // Prisma's generated client imports siblings as './x.js' (ESM style); jest resolves the .ts files.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
