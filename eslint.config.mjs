// @ts-check
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * Lint checks the layering of docs/style.md, so that it is enforced rather than remembered:
 *   server -> graphql -> domain;  server -> upstream | emulator | audit | mirror -> domain.
 * upstream, emulator, audit and mirror never import each other; domain imports nothing outside
 * itself; only src/server reads process.env; src never imports test; no import cycles.
 */
const ADAPTERS = ['upstream', 'emulator', 'audit', 'mirror'];
const src = (dir) => `./src/${dir}`;
/** Every folder of src/ (generated code included), so that a new layer is covered without editing this file. */
const SRC_DIRS = readdirSync('src', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const layerZones = [
  { target: src('domain'), from: './src', except: ['./domain'], message: 'src/domain is pure: it imports nothing outside itself.' },
  ...ADAPTERS.map((layer) => ({
    target: src(layer),
    from: [...ADAPTERS.filter((other) => other !== layer), 'graphql', 'server'].map(src),
    message: `src/${layer} depends on src/domain only (upstream, emulator, audit and mirror never import each other; server wires them).`,
  })),
  {
    target: src('graphql'),
    from: [...ADAPTERS, 'server', 'database', 'auth'].map(src),
    message: 'src/graphql reaches adapters only through the ports in src/domain; src/server wires them.',
  },
  { target: SRC_DIRS.filter((dir) => dir !== 'server').map(src), from: src('server'), message: 'src/server is the composition root: nothing else imports it.' },
  { target: './src', from: './test', message: 'src/ never imports test/.' },
];

/** `process.env`, `process['env']` and `const { env } = process`. */
const readsProcessEnv = {
  properties: [
    { object: 'process', property: 'env', message: 'Only src/server reads the environment (config.ts parses it once); take a typed config slice instead.' },
  ],
  syntax: {
    selector: "VariableDeclarator[init.type='Identifier'][init.name='process'] > ObjectPattern > Property[key.name='env']",
    message: 'Only src/server reads the environment (config.ts parses it once); take a typed config slice instead.',
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'src/generated/', 'web/src/gql/', '.orgql/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // `as any` in tests and at untyped boundaries is a deliberate, visible choice.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // The code matches control characters on purpose (PostgreSQL cannot store NUL; JSON text forbids raw ones).
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'no-restricted-properties': ['error', ...readsProcessEnv.properties],
      'no-restricted-syntax': ['error', readsProcessEnv.syntax],
    },
  },
  {
    // The domain has no dependencies: no SDK, no Prisma, no framework (node:crypto hashes content).
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/__tests__/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\.{1,2}/|node:crypto$)', message: 'src/domain imports nothing outside itself (node:crypto aside).' }] },
      ],
      // The engine is a function of its inputs (style.md, habit 2): the caller passes the time or the randomness in.
      'no-restricted-syntax': [
        'error',
        readsProcessEnv.syntax,
        ...[
          ["CallExpression[callee.object.name='Date'][callee.property.name='now']", 'Date.now()'],
          ["NewExpression[callee.name='Date'][arguments.length=0]", 'new Date()'],
          ["CallExpression[callee.object.name='performance'][callee.property.name='now']", 'performance.now()'],
          ["CallExpression[callee.object.name='Math'][callee.property.name='random']", 'Math.random()'],
        ].map(([selector, what]) => ({ selector, message: `src/domain reads no clock and no randomness (${what}): take it as an argument.` })),
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    // The console (web/): browser code with its own tsconfig (DOM lib); it reaches the gateway only over HTTP.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './web/tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)+(src|test)/', message: 'The console talks to the gateway over GraphQL only: no imports from src/ or test/.' }] },
      ],
    },
  },
  {
    // CommonJS entry points and tool configs.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
