import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticator } from '../auth/authenticator';
import { hasPermission, type Permission, type Principal } from '../domain/identity';
import type { HttpApp } from './http-app';
import { isConsolePath } from './console-route';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook on every route but the public ones. */
    principal: Principal | undefined;
  }
}

/** Probes for load balancers and orchestrators answer without credentials, and so does the console's page (it holds no data); nothing else does. */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

/**
 * Every request but the public probes must carry `Authorization: Bearer <key or token>`; others
 * get 401 before any route runs. A browser opening / without a key still gets the landing page
 * (with the 401), which explains how to send one.
 */
export function registerAuthentication(app: HttpApp, authenticate: Authenticator, landingPage: (request: FastifyRequest) => string): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?', 1)[0] ?? '';
    if (PUBLIC_PATHS.has(path) || isConsolePath(path)) return;
    const result = await authenticate(request.headers.authorization);
    if (result.ok) {
      request.principal = result.principal;
      request.log = request.log.child({ actor: result.principal.id });
      return;
    }
    request.log.info({ reason: result.reason }, 'request refused: not authenticated');
    reply.header('www-authenticate', result.reason === 'INVALID_CREDENTIALS' ? 'Bearer realm="orgql", error="invalid_token"' : 'Bearer realm="orgql"');
    // The body was never read: close the connection, or a client still uploading keeps it open
    // (and holds up a graceful shutdown) until the keep-alive and request timeouts.
    reply.header('connection', 'close');
    if (path === '/' && request.method === 'GET') return reply.code(401).type('text/html; charset=utf-8').send(landingPage(request));
    return reply.code(401).send({ errors: [{ message: result.message, extensions: { code: 'UNAUTHENTICATED' } }] });
  });
}

/** For plain HTTP routes: answers 403 and returns false when the caller lacks the permission. */
export function requirePermission(request: FastifyRequest, reply: FastifyReply, permission: Permission): boolean {
  if (request.principal && hasPermission(request.principal.roles, permission)) return true;
  void reply.code(403).send({
    errors: [{ message: `Your role does not allow this (it needs ${permission}).`, extensions: { code: 'FORBIDDEN', requiredPermission: permission } }],
  });
  return false;
}
