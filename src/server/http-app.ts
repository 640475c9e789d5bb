import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { GraphQLContext } from '../graphql/context';
import { renderLandingPage } from '../graphql/landing-page';
import type { Authenticator } from '../auth/authenticator';
import { registerAuthentication } from './authentication-hook';
import { createErrorHandler } from './error-handler';
import type { ReadinessReport } from './readiness';

export const GRAPHQL_PATH = '/graphql';
/** A request body larger than this is refused with 413 before it is parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpAppDeps {
  readonly logger: Logger;
  readonly readiness: () => Promise<ReadinessReport>;
  readonly authenticate: Authenticator;
  /** Whether the database answers now (see error-handler.ts). */
  readonly databaseAvailable: () => Promise<boolean>;
}

/** A caller's X-Request-Id is kept when it is safe to log; otherwise a new one is made. */
function requestIdFor(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
}

export function createHttpApp(deps: HttpAppDeps) {
  const app = Fastify({
    loggerInstance: deps.logger,
    genReqId: (req) => requestIdFor(req.headers['x-request-id']),
    bodyLimit: MAX_BODY_BYTES,
    return503OnClosing: true,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.setErrorHandler(createErrorHandler({ databaseAvailable: deps.databaseAvailable, maxBodyBytes: MAX_BODY_BYTES }));

  const landingPage = renderLandingPage(GRAPHQL_PATH);
  registerAuthentication(app, deps.authenticate, landingPage);
  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(landingPage));
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const report = await deps.readiness();
    return reply.code(report.ready ? 200 : 503).send({ status: report.ready ? 'ready' : 'unavailable', checks: report.checks });
  });
  return app;
}

export type HttpApp = ReturnType<typeof createHttpApp>;

/** Adds the GraphQL route; Apollo must have been started (its drain plugin needs the app first). */
export function mountGraphQL(
  app: HttpApp,
  apollo: ApolloServer<GraphQLContext>,
  contextFor: (request: FastifyRequest) => Promise<GraphQLContext>,
): void {
  app.route({
    url: GRAPHQL_PATH,
    method: ['GET', 'POST', 'OPTIONS'],
    handler: fastifyApolloHandler(apollo, { context: (request) => contextFor(request) }),
  });
}
