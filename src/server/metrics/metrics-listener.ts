import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Metrics } from './metrics';
import { METRICS_PATH, renderMetrics } from './metrics-route';

export interface MetricsListener {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * ORGQL_METRICS_PORT: GET /metrics on a port of its own, without authentication, for a scraper
 * that reaches it over a private network (the main port keeps asking for an auditor or admin key).
 * It answers nothing else.
 */
export async function startMetricsListener(
  metrics: Metrics,
  refresh: ReadonlyArray<() => Promise<void>>,
  logger: Logger,
  host: string,
  port: number,
): Promise<MetricsListener> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?', 1)[0];
    if (request.method !== 'GET' || path !== METRICS_PATH) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Only GET /metrics is served on this port.\n');
      return;
    }
    renderMetrics(metrics, refresh, logger).then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (err: unknown) => {
        logger.error({ err }, 'metrics could not be rendered');
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Metrics are unavailable.\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${bound}${METRICS_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
