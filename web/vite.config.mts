import path from 'node:path';
import { defineConfig } from 'vite';

/**
 * The console is built into dist/console and served by the gateway at /console (src/server/console-route.ts).
 * Preact's automatic JSX runtime comes from web/tsconfig.json (jsxImportSource), which vite reads.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  build: {
    outDir: path.resolve(import.meta.dirname, '..', 'dist', 'console'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000', '/audit': 'http://127.0.0.1:4000' } },
});
