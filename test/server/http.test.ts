import { startTestGateway, type TestGateway } from '../support/gateway-harness';

describe('the gateway over HTTP', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  it('answers /healthz while the process is alive', async () => {
    const response = await fetch(new URL('/healthz', t.gateway.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with each dependency checked', async () => {
    const response = await fetch(new URL('/readyz', t.gateway.url));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(body.status).toBe('ready');
    expect(body.checks.database!.ok).toBe(true);
    expect(body.checks.upstream!.ok).toBe(true);
  });

  it('serves a self-contained landing page at / that loads nothing from other hosts', async () => {
    const response = await fetch(t.gateway.url, { headers: { accept: 'text/html', ...t.auth } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<title>orgql</title>');
    expect(html).toContain('/graphql');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('serves the same page to a browser opening /graphql, with the real address', async () => {
    const response = await fetch(t.gateway.graphqlUrl, { headers: { accept: 'text/html', ...t.auth } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>orgql</title>');
    expect(html).toContain(`curl -s ${t.gateway.graphqlUrl} `);
  });

  /** The landing page's text, with HTML entities undone, as a reader sees it. */
  async function landingPageText(): Promise<string> {
    const html = await (await fetch(t.gateway.url, { headers: { accept: 'text/html', ...t.auth } })).text();
    return html
      .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
  }

  it('says on the landing page that a key is required, and its curl line has the real URL and a bearer header', async () => {
    const text = await landingPageText();
    expect(text).toMatch(/Every request needs an API key/);
    expect(text).not.toMatch(/optional/i);
    const curl = /^curl -s (\S+) -H 'content-type: application\/json' \\\n\s+-H "authorization: Bearer \$ORGQL_KEY" \\\n\s+-d '(.+?)'/m.exec(text);
    expect(curl).not.toBeNull();
    expect(curl![1]).toBe(t.gateway.graphqlUrl);
    // The command, run with a key: the same request curl would send.
    const response = await fetch(curl![1]!, { method: 'POST', headers: { 'content-type': 'application/json', ...t.auth }, body: curl![2]! });
    const body = (await response.json()) as { data?: { organization: { id: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data!.organization.id).toMatch(/^o-/);
  });

  it('offers examples that run as they are, twice (the mutation is idempotent by its key)', async () => {
    const text = await landingPageText();
    const examples = JSON.parse(/var examples = (\{.*\});/.exec(text)![1]!.replace(/\\u003c/g, '<')) as Record<string, { query: string; variables: string }>;
    expect(Object.keys(examples).sort()).toEqual(['mutation', 'query']);
    for (const example of Object.values(examples)) {
      const first = await t.graphql(example.query, JSON.parse(example.variables) as Record<string, unknown>);
      expect(first.body.errors).toBeUndefined();
      const again = await t.graphql(example.query, JSON.parse(example.variables) as Record<string, unknown>);
      expect(again.body.errors).toBeUndefined();
      expect(again.body.data).toEqual(first.body.data);
    }
  });

  it('answers queries sent with GET when the request cannot be a cross-site one', async () => {
    const url = `${t.gateway.graphqlUrl}?query=${encodeURIComponent('{ roots { id } }')}`;
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true', ...t.auth } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { roots: unknown[] } };
    expect(body.data.roots).toHaveLength(1);
  });

  it('refuses a GET that a browser could send cross-site (CSRF prevention)', async () => {
    const response = await fetch(`${t.gateway.graphqlUrl}?query=${encodeURIComponent('{ roots { id } }')}`, { headers: t.auth });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/i);
  });

  it('refuses mutations sent with GET', async () => {
    const query = encodeURIComponent('mutation { enablePolicyType(rootId: "r-abcd", type: TAG_POLICY) { auditEventId } }');
    const response = await fetch(`${t.gateway.graphqlUrl}?query=${query}`, { headers: { 'apollo-require-preflight': 'true', ...t.auth } });
    expect(response.status).toBe(405);
  });

  it('refuses a request body over 1 MiB with 413 and keeps serving', async () => {
    const response = await fetch(t.gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...t.auth },
      body: JSON.stringify({ query: `{ roots { id } } #${'x'.repeat(1024 * 1024)}` }),
    });
    expect(response.status).toBe(413);
    expect((await fetch(new URL('/healthz', t.gateway.url))).status).toBe(200);
  });

  it('answers malformed JSON with 400 and a clear error', async () => {
    const response = await fetch(t.gateway.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...t.auth }, body: '{"query": ' });
    expect(response.status).toBe(400);
  });

  it('reports a syntax error in the operation with GRAPHQL_PARSE_FAILED', async () => {
    const { status, body } = await t.graphql('{ organization { id ');
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });

  it('tells caches not to store any GraphQL answer, good or failed (they are per caller and live)', async () => {
    const ok = await t.graphql('{ organization { id } }');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const failed = await t.graphql('{ organization { nope } }');
    expect(failed.status).toBe(400);
    expect(failed.headers.get('cache-control')).toBe('no-store');
  });
});

describe('the gateway when AWS Organizations is unreachable', () => {
  let t: TestGateway;
  beforeAll(async () => {
    // Port 9 (discard) on loopback: nothing listens there.
    t = await startTestGateway({ ORGQL_ORGANIZATIONS_ENDPOINT: 'http://127.0.0.1:9', ORGQL_UPSTREAM_MAX_ATTEMPTS: '1', ORGQL_UPSTREAM_TIMEOUT_MS: '500' });
  });
  afterAll(() => t.close());

  it('is alive but not ready, and says why', async () => {
    expect((await fetch(new URL('/healthz', t.gateway.url))).status).toBe(200);
    const response = await fetch(new URL('/readyz', t.gateway.url));
    expect(response.status).toBe(503);
    const body = (await response.json()) as { status: string; checks: Record<string, { ok: boolean; reason?: string }> };
    expect(body.status).toBe('unavailable');
    expect(body.checks.database!.ok).toBe(true);
    expect(body.checks.upstream).toMatchObject({ ok: false, reason: expect.stringMatching(/^UPSTREAM_UNAVAILABLE/) });
  });

  it('answers queries with UPSTREAM_UNAVAILABLE and no internals', async () => {
    const { body } = await t.graphql('{ organization { id } }');
    expect(body.errors![0]!.extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|stack|at .*\.ts/);
  });
});
