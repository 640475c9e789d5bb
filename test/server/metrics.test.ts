import { READ_UPSTREAM, startTestGateway, type TestGateway } from '../support/gateway-harness';

/** One sample of the Prometheus text format: `name{a="x",b="y"} value`. */
interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

function parseSamples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1] as string, m[2] as string]));
      return { name: match[1] as string, labels, value: Number(match[3]) };
    });
}

/** The sum of a metric's samples whose labels include `labels`. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
}

describe('GET /metrics (issue 14, item 10)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  async function scrape(headers: Record<string, string> = t.auth): Promise<{ status: number; contentType: string | null; samples: Sample[] }> {
    const response = await fetch(new URL('/metrics', t.gateway.url), { headers });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), samples: response.status === 200 ? parseSamples(text) : [] };
  }

  it('answers auditors and admins in the Prometheus text format, and nobody else', async () => {
    const asAdmin = await scrape();
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect((await scrape({ authorization: `Bearer ${await t.keyFor('auditor', 'prometheus')}` })).status).toBe(200);
    expect((await scrape({ authorization: `Bearer ${await t.keyFor('viewer', 'curious')}` })).status).toBe(403);
    expect((await scrape({})).status).toBe(401);
  });

  it('moves the request, operation, upstream and audit series with traffic', async () => {
    const before = (await scrape()).samples;

    await t.data('query MetricsRoots { roots { id } }');
    await t.data('query MetricsRoots { roots { id } }');
    // Read upstream (not from the org mirror), so the missing policy costs a DescribePolicy call.
    const missing = await t.graphql('query MetricsMissingPolicy { policy(id: "p-doesnotexist1") { id } }', undefined, READ_UPSTREAM);
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const rejected = await t.graphql('query MetricsBroken { nope }');
    expect(rejected.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const created = await t.data(`mutation MetricsKey { createApiKey(name: "metrics-probe", role: VIEWER) { auditEventId } }`);
    expect(created.createApiKey.auditEventId).toBeTruthy();
    await fetch(new URL('/no-such-route', t.gateway.url), { headers: t.auth });

    const after = (await scrape()).samples;
    const moved = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);

    // HTTP: by route pattern and status; an unknown URL is one `unmatched` route, not a new series per URL.
    expect(moved('orgql_http_requests_total', { method: 'POST', route: '/graphql', status: '200' })).toBeGreaterThanOrEqual(4);
    expect(moved('orgql_http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
    expect(valueOf(after, 'orgql_http_request_duration_seconds_count', { route: '/graphql' })).toBeGreaterThan(0);
    // GraphQL: by operation name, type and outcome, with durations.
    expect(moved('orgql_graphql_operations_total', { operation: 'MetricsRoots', type: 'query', outcome: 'ok' })).toBe(2);
    expect(moved('orgql_graphql_operations_total', { operation: 'MetricsMissingPolicy', outcome: 'error' })).toBe(1);
    expect(moved('orgql_graphql_operations_total', { outcome: 'rejected' })).toBe(1);
    expect(moved('orgql_graphql_operations_total', { operation: 'MetricsKey', type: 'mutation', outcome: 'ok' })).toBe(1);
    expect(moved('orgql_graphql_operation_duration_seconds_count', { operation: 'MetricsRoots' })).toBe(2);
    // Upstream: by Organizations operation and outcome (the missing policy is a failed DescribePolicy).
    expect(moved('orgql_upstream_calls_total', { operation: 'DescribePolicy', outcome: 'failed' })).toBe(1);
    expect(valueOf(after, 'orgql_upstream_calls_total', { operation: 'ListRoots', outcome: 'ok' })).toBeGreaterThan(0);
    expect(valueOf(after, 'orgql_upstream_call_duration_seconds_count', { operation: 'ListRoots' })).toBeGreaterThan(0);
    // Audit: the key change appended an intent and a result; the head gauge is the chain's last sequence.
    expect(moved('orgql_audit_append_duration_seconds_count', { kind: 'intent', outcome: 'ok' })).toBe(1);
    expect(moved('orgql_audit_append_duration_seconds_count', { kind: 'result', outcome: 'ok' })).toBe(1);
    const head = await t.gateway.database.prisma.auditEvent.aggregate({ _max: { sequence: true } });
    expect(valueOf(after, 'orgql_audit_chain_head_sequence')).toBe(Number(head._max.sequence));
    expect(moved('orgql_audit_chain_head_sequence')).toBeGreaterThanOrEqual(2);
    // The org mirror (on by default) has synced to serve those reads: its version, age and sync time.
    expect(valueOf(after, 'orgql_mirror_version')).toBeGreaterThanOrEqual(1);
    expect(valueOf(after, 'orgql_mirror_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(valueOf(after, 'orgql_mirror_last_sync_duration_seconds')).toBeGreaterThan(0);
    expect(after.filter((s) => s.name === 'orgql_mirror_state' && s.value === 1)).toHaveLength(1);
    // The process's own series come along (memory, CPU, event loop lag).
    expect(valueOf(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(after.some((s) => s.name.startsWith('nodejs_eventloop_lag'))).toBe(true);
  });
});

describe('ORGQL_METRICS_PORT', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ ORGQL_METRICS_PORT: '0' });
  });
  afterAll(() => t.close());

  it('serves /metrics on a port of its own without a key, and nothing else there; the main port still asks for one', async () => {
    expect(t.gateway.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    await t.data('query PortProbe { roots { id } }');
    const response = await fetch(t.gateway.metricsUrl!);
    expect(response.status).toBe(200);
    const samples = parseSamples(await response.text());
    expect(valueOf(samples, 'orgql_graphql_operations_total', { operation: 'PortProbe', outcome: 'ok' })).toBe(1);
    expect(valueOf(samples, 'orgql_audit_chain_head_sequence')).toBeGreaterThanOrEqual(0);
    expect((await fetch(new URL('/graphql', t.gateway.metricsUrl!))).status).toBe(404);
    expect((await fetch(new URL('/metrics', t.gateway.url))).status).toBe(401);
  });
});
