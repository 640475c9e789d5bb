import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { ObservedOperation } from '../../graphql/operation-observer-plugin';
import { requirePermission } from '../authentication-hook';
import type { HttpApp } from '../http-app';
import { operationLabeler, type Metrics } from './metrics';

export const METRICS_PATH = '/metrics';

/** Routes by their pattern (`/graphql`, never a raw URL): a request that matched none is `unmatched`. */
function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched';
}

/** Counts every HTTP answer by route and status. Register before the routes it should see. */
export function countHttpRequests(app: HttpApp, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = routeOf(request);
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
}

/** What the GraphQL operation observer reports, as series. */
export function graphqlOperationRecorder(metrics: Metrics): (operation: ObservedOperation) => void {
  const label = operationLabeler();
  return ({ name, type, outcome, durationMs }) => {
    const labels = { operation: label(name), type, outcome };
    metrics.graphqlOperations.inc(labels);
    metrics.graphqlDuration.observe(labels, durationMs / 1000);
  };
}

/**
 * GET /metrics in the Prometheus text format, for callers whose role grants AUDIT (auditor, admin):
 * Prometheus sends the key with `authorization: { credentials: ... }` in its scrape config.
 * `refresh` updates the gauges read at scrape time (chain head, mirror); a failing one is logged
 * and its gauge keeps its last value rather than failing the scrape.
 */
export function registerMetricsRoute(app: HttpApp, metrics: Metrics, refresh: ReadonlyArray<() => Promise<void>>, logger: Logger): void {
  app.get(METRICS_PATH, async (request, reply) => {
    if (!requirePermission(request, reply, 'AUDIT')) return reply;
    return reply.type(metrics.registry.contentType).send(await renderMetrics(metrics, refresh, logger));
  });
}

/** The exposition text, after refreshing the gauges read at scrape time. */
export async function renderMetrics(metrics: Metrics, refresh: ReadonlyArray<() => Promise<void>>, logger: Logger): Promise<string> {
  const results = await Promise.allSettled(refresh.map((fn) => fn()));
  for (const result of results) if (result.status === 'rejected') logger.warn({ err: result.reason }, 'a metric could not be refreshed for this scrape');
  return metrics.registry.metrics();
}
