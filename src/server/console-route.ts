import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from './http-app';
import { readConsoleAssets } from './console-assets';

export const CONSOLE_PATH = '/console';
/** Where `npm run build` (vite) puts the console: dist/console, from src/server (tests) and dist/server alike. */
export const CONSOLE_DIST = path.resolve(__dirname, '..', '..', 'dist', 'console');

/** Vite names every asset by its content hash, so a name never changes meaning: cache it for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/**
 * The app loads only its own bundle and talks only to this origin; nothing inline, no frames.
 * https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy
 */
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** The console's paths are public: the page holds no data, and it sends the caller's key on each GraphQL request. */
export function isConsolePath(urlPath: string): boolean {
  return urlPath === CONSOLE_PATH || urlPath.startsWith(`${CONSOLE_PATH}/`);
}

/**
 * Serves the console: hashed assets from dist/console/assets with a year's caching, and index.html
 * (revalidated on every load) for /console and every deep link below it, so a reload of
 * /console/accounts/123456789012 opens that page. @fastify/static is not used: it needs ESM-only
 * packages that Jest's CommonJS runtime cannot load, and a handful of files held in memory need no more.
 */
export function registerConsole(app: HttpApp, distDir: string = CONSOLE_DIST): void {
  const indexFile = path.join(distDir, 'index.html');
  const index = existsSync(indexFile) ? readFileSync(indexFile) : undefined;
  const assets = readConsoleAssets(path.join(distDir, 'assets'));
  app.get<{ Params: { name: string } }>(`${CONSOLE_PATH}/assets/:name`, async (request, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) return reply.code(404).send({ error: 'NOT_FOUND' });
    void reply.header('cache-control', IMMUTABLE).header('x-content-type-options', 'nosniff').header('vary', 'accept-encoding').type(asset.type);
    if (asset.gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(asset.gzip);
    return reply.send(asset.body);
  });
  const sendIndex = async (_request: FastifyRequest, reply: FastifyReply) => {
    if (!index) return reply.code(404).type('text/plain; charset=utf-8').send('The console is not built: run `npm run build`.\n');
    return reply
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONSOLE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .type('text/html; charset=utf-8')
      .send(index);
  };
  app.get(CONSOLE_PATH, sendIndex);
  app.get(`${CONSOLE_PATH}/*`, sendIndex);
}
