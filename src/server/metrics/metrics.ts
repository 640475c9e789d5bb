import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: from 1 ms (a cached read) to 30 s (a change waiting out throttling). */
const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Distinct GraphQL operation names kept as labels; beyond that they count as `other` (clients choose names). */
export const MAX_OPERATION_NAMES = 200;

/**
 * orgql's Prometheus metrics, in a registry of their own (not prom-client's global one), so that
 * two gateways in one process (tests) never share or clash over series.
 */
export function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  // Process and Node.js runtime series (CPU, memory, event loop lag, GC), prefixed as Prometheus expects.
  collectDefaultMetrics({ register: registry });
  const metrics = {
    registry,
    httpRequests: new Counter({
      name: 'orgql_http_requests_total',
      help: 'HTTP requests answered, by route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'orgql_http_request_duration_seconds',
      help: 'Time to answer an HTTP request.',
      labelNames: ['method', 'route'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    graphqlOperations: new Counter({
      name: 'orgql_graphql_operations_total',
      help: 'GraphQL operations, by operation name, type and outcome (ok, error, rejected).',
      labelNames: ['operation', 'type', 'outcome'],
      registers,
    }),
    graphqlDuration: new Histogram({
      name: 'orgql_graphql_operation_duration_seconds',
      help: 'Time from receiving a GraphQL operation to sending its answer.',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    upstreamCalls: new Counter({
      name: 'orgql_upstream_calls_total',
      help: 'Calls to AWS Organizations, by API operation and outcome (ok, throttled, failed, unknown).',
      labelNames: ['operation', 'outcome'],
      registers,
    }),
    upstreamDuration: new Histogram({
      name: 'orgql_upstream_call_duration_seconds',
      help: 'Time of a call to AWS Organizations, waiting and retries included.',
      labelNames: ['operation', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    auditAppendDuration: new Histogram({
      name: 'orgql_audit_append_duration_seconds',
      help: 'Time to append a row (intent or result) to the audit chain.',
      labelNames: ['kind', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    auditChainHead: new Gauge({
      name: 'orgql_audit_chain_head_sequence',
      help: 'Sequence number of the last row of the audit chain (read at scrape time).',
      registers,
    }),
  };
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Keeps the operation label's cardinality bounded: the first MAX_OPERATION_NAMES names, then `other`. */
export function operationLabeler(max = MAX_OPERATION_NAMES): (name: string) => string {
  const seen = new Set<string>();
  return (name) => {
    const label = name.slice(0, 100);
    if (seen.has(label)) return label;
    if (seen.size >= max) return 'other';
    seen.add(label);
    return label;
  };
}
