import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { LogController, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { GraphQLContext } from '../graphql/context';
import { renderLandingPage } from '../graphql/landing-page';
import type { Authenticator } from '../auth/authenticator';
import { registerAuthentication } from './authentication-hook';
import { createErrorHandler } from './error-handler';
import type { ReadinessReport } from './readiness';
import type { MirrorStatusReport } from '../domain/mirror';

export const GRAPHQL_PATH = '/graphql';
/** A request body larger than this is refused with 413 before it is parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpAppDeps {
  readonly logger: Logger;
  readonly readiness: () => Promise<ReadinessReport>;
  readonly authenticate: Authenticator;
  /** Whether the database answers now (see error-handler.ts). */
  readonly databaseAvailable: () => Promise<boolean>;
  /** The org mirror's state, shown on /readyz. */
  readonly mirrorStatus?: () => MirrorStatusReport;
}

/** A caller's X-Request-Id is kept when it is safe to log; otherwise a new one is made. */
function requestIdFor(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
}

/** http://host:port as the client addressed it; a Host header that is not a plain host[:port] is not echoed. */
function originOf(request: FastifyRequest): string {
  const host = request.headers.host ?? '';
  const plain = /^([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(:\d{1,5})?$/.test(host);
  const address = request.socket.localAddress ?? '127.0.0.1';
  return `${request.protocol}://${plain ? host : `${address.includes(':') ? `[${address}]` : address}:${request.socket.localPort ?? ''}`}`;
}

export function createHttpApp(deps: HttpAppDeps) {
  const app = Fastify({
    loggerInstance: deps.logger,
    genReqId: (req) => requestIdFor(req.headers['x-request-id']),
    bodyLimit: MAX_BODY_BYTES,
    return503OnClosing: true,
    // Fastify logs two lines per request; one line when it is answered says all (see logRequest).
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => logRequest(request, reply.statusCode, reply.elapsedTime));
  app.setErrorHandler(createErrorHandler({ databaseAvailable: deps.databaseAvailable, maxBodyBytes: MAX_BODY_BYTES }));

  // The page's curl line shows the address the reader used (a proxy's, a container's published port).
  const landingPage = (request: FastifyRequest) => renderLandingPage(GRAPHQL_PATH, `${originOf(request)}${GRAPHQL_PATH}`);
  registerAuthentication(app, deps.authenticate, landingPage);
  app.get('/', async (request, reply) => reply.type('text/html; charset=utf-8').send(landingPage(request)));
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const report = await deps.readiness();
    const mirror = deps.mirrorStatus?.();
    const body = { status: report.ready ? 'ready' : 'unavailable', checks: report.checks, ...(mirror ? { mirror: publicMirrorStatus(mirror) } : {}) };
    return reply.code(report.ready ? 200 : 503).send(body);
  });
  return app;
}

export type HttpApp = ReturnType<typeof createHttpApp>;

/** Probes answer every few seconds: their lines would drown the rest at info. */
const PROBE_PATHS = new Set(['/healthz', '/readyz']);

/**
 * One line per answered request, with the request id the caller sees in x-request-id. The path is
 * logged without its query string (a query may hold filter values or tokens); failures are logged
 * where they are handled, with their cause.
 */
function logRequest(request: FastifyRequest, statusCode: number, elapsedMs: number): void {
  const path = request.url.split('?', 1)[0];
  const line = { method: request.method, path, statusCode, ms: Math.round(elapsedMs * 10) / 10 };
  if (PROBE_PATHS.has(path ?? '')) request.log.debug(line, 'request');
  else request.log.info(line, 'request');
}

/** What an unauthenticated probe may see of the mirror: its state and freshness, no error text. */
function publicMirrorStatus(status: MirrorStatusReport) {
  return { state: status.state, version: status.version, syncedAt: status.syncedAt, tagsSyncedAt: status.tagsSyncedAt, leader: status.leader };
}

/** Adds the GraphQL route; Apollo must have been started (its drain plugin needs the app first). */
export function mountGraphQL(app: HttpApp, apollo: ApolloServer<GraphQLContext>, contextFor: (request: FastifyRequest) => Promise<GraphQLContext>): void {
  app.route({
    url: GRAPHQL_PATH,
    method: ['GET', 'POST', 'OPTIONS'],
    handler: fastifyApolloHandler(apollo, { context: (request) => contextFor(request) }),
  });
}
