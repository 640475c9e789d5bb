import { startTestGateway, type TestGateway } from '../support/gateway-harness';
import { actorIdOfKey, upstreamCalls } from './support';

/** Nobody without a valid key reads or changes anything; the audit actor is whoever the key says. */
describe('requests without valid credentials', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  const tamperedAdminKey = () => t.adminKey.slice(0, -1) + (t.adminKey.endsWith('A') ? 'B' : 'A');
  const CREDENTIALS: Array<[string, () => string | undefined, 'missing' | 'invalid']> = [
    ['no Authorization header', () => undefined, 'missing'],
    ['an empty Authorization header', () => '', 'missing'],
    ['a Basic scheme', () => 'Basic YWRtaW46YWRtaW4=', 'missing'],
    ['a bare key without "Bearer"', () => t.adminKey, 'missing'],
    ['"Bearer" with nothing after it', () => 'Bearer ', 'missing'],
    ['a malformed key', () => 'Bearer orgql_zz_short', 'invalid'],
    ['a well-formed key nobody issued', () => `Bearer orgql_0123456789abcdef_${'A'.repeat(43)}`, 'invalid'],
    ['the admin key with its last character changed', () => `Bearer ${tamperedAdminKey()}`, 'invalid'],
    ['a JWT while JWT is not configured', () => 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbImFkbWluIl19.', 'invalid'],
  ];

  const ENDPOINTS: Array<[string, (authorization: string | undefined) => Promise<Response>]> = [
    [
      'POST /graphql',
      (authorization) =>
        fetch(t.gateway.graphqlUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
          body: JSON.stringify({ query: '{ organization { id } }' }),
        }),
    ],
    [
      'GET /graphql',
      (authorization) =>
        fetch(`${t.gateway.graphqlUrl}?query=${encodeURIComponent('{ organization { id } }')}`, {
          headers: { 'apollo-require-preflight': 'true', ...(authorization === undefined ? {} : { authorization }) },
        }),
    ],
    ['GET /audit/export', (authorization) => fetch(new URL('/audit/export', t.gateway.url), { headers: authorization === undefined ? {} : { authorization } })],
    [
      'GET /a/path/that/does/not/exist',
      (authorization) => fetch(new URL('/a/path/that/does/not/exist', t.gateway.url), { headers: authorization === undefined ? {} : { authorization } }),
    ],
  ];

  const matrix = ENDPOINTS.flatMap(([endpoint, send]) => CREDENTIALS.map(([credential, header, kind]) => [endpoint, credential, send, header, kind] as const));

  it.each(matrix)('%s with %s gets 401 UNAUTHENTICATED and WWW-Authenticate', async (_endpoint, _credential, send, header, kind) => {
    const response = await send(header());
    expect(response.status).toBe(401);
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Bearer realm="orgql"/);
    if (kind === 'invalid') expect(challenge).toContain('error="invalid_token"');
    else expect(challenge).not.toContain('error=');
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
    expect(JSON.stringify(body)).not.toMatch(/organization|o-orgqldemo01|r-demo/);
  });

  it.each(CREDENTIALS)('GET / with %s gets 401 with the landing page (HTML)', async (_credential, header) => {
    const value = header();
    const response = await fetch(t.gateway.url, { headers: { accept: 'text/html', ...(value === undefined ? {} : { authorization: value }) } });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="orgql"/);
    const html = await response.text();
    expect(html).toContain('<title>orgql</title>');
    expect(html).not.toContain(t.adminKey);
  });

  it.each(['/healthz', '/readyz', '/healthz?verbose=1'])('answers %s with 200 without credentials', async (path) => {
    const response = await fetch(new URL(path, t.gateway.url));
    expect(response.status).toBe(200);
    await response.text();
  });

  it.each([
    ['a query string that names a public path', '/graphql?/healthz'],
    ['a path that starts like a public one', '/healthz/../graphql'],
    ['a percent-encoded path', '/%67raphql'],
    ['a doubled slash', '//graphql'],
  ])('does not let %s reach GraphQL without a key', async (_name, path) => {
    const response = await fetch(`${t.gateway.url.replace(/\/$/, '')}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organization { id } }' }),
    });
    expect(response.status).not.toBe(200);
    expect(response.status).toBeLessThan(500);
    expect(await response.text()).not.toContain('o-orgqldemo01');
  });

  it('sends nothing upstream and records no audit event for an unauthenticated mutation', async () => {
    const before = await upstreamCalls(t.gateway.emulatorUrl);
    const auditBefore = await t.gateway.database.prisma.auditEvent.count();
    const { status, body } = await t.graphql('mutation { deletePolicy(id: "p-aioptoutall") { auditEventId } }', {}, { authorization: '' });
    expect(status).toBe(401);
    expect(body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await upstreamCalls(t.gateway.emulatorUrl)).total).toBe(before.total);
    expect(await t.gateway.database.prisma.auditEvent.count()).toBe(auditBefore);
  });

  it('refuses a key at once after it is revoked, on the same running gateway', async () => {
    const key = await t.keyFor('viewer', 'soon-revoked');
    const first = await t.graphql('{ organization { id } }', {}, { authorization: `Bearer ${key}` });
    expect(first.status).toBe(200);
    expect(first.body.data!.organization.id).toBe('o-orgqldemo01');

    // Revoked through this gateway (its admin's revokeApiKey), so its own key cache drops the key at
    // once; other replicas hear of it through NOTIFY (test/auth/api-key-revocation.test.ts).
    const revoked = await t.graphql('mutation { revokeApiKey(name: "soon-revoked") { apiKey { active } } }');
    expect(revoked.body.data!.revokeApiKey.apiKey.active).toBe(false);

    const after = await t.graphql('{ organization { id } }', {}, { authorization: `Bearer ${key}` });
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(after.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});

describe('the audit actor', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  it('is the authenticated key even when the client claims another identity in headers or extensions', async () => {
    const key = await t.keyFor('editor', 'honest-editor');
    const spoofing = {
      authorization: `Bearer ${key}`,
      'x-actor': 'admin',
      'x-user': 'root',
      'x-forwarded-user': 'admin@example.com',
      'x-remote-user': 'admin',
      'x-amzn-oidc-identity': 'admin',
      'x-orgql-actor': 'apikey:0000000000000000',
    };
    const response = await fetch(t.gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...spoofing },
      body: JSON.stringify({
        query: 'mutation { tagResource(resourceId: "444444444444", tags: [{ key: "actor-test", value: "1" }]) { auditEventId } }',
        extensions: { actor: 'admin', principal: { id: 'apikey:admin', roles: ['admin'] } },
      }),
    });
    const body = (await response.json()) as any;
    expect(body.errors).toBeUndefined();
    const intentId: string = body.data.tagResource.auditEventId;

    const rows = await t.gateway.database.prisma.auditEvent.findMany({ where: { OR: [{ id: intentId }, { intentId }] }, orderBy: { sequence: 'asc' } });
    expect(rows.map((r) => [r.kind, r.outcome])).toEqual([
      ['INTENT', 'PENDING'],
      ['RESULT', 'SUCCEEDED'],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ actorId: actorIdOfKey(key), actorType: 'API_KEY', actorDisplayName: 'honest-editor', actorAuthMethod: 'api-key' });
    }
    const everything = JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(everything).not.toMatch(/admin@example\.com|apikey:0000000000000000|apikey:admin/);
  });

  it('is the bootstrap admin key for the admin, named after it', async () => {
    const { body } = await t.graphql(
      'mutation { tagResource(resourceId: "r-demo", tags: [{ key: "actor-test", value: "2" }]) { auditEventId } }',
      {},
      { 'x-actor': 'someone-else' },
    );
    const row = await t.gateway.database.prisma.auditEvent.findUniqueOrThrow({ where: { id: body.data!.tagResource.auditEventId } });
    expect(row).toMatchObject({ actorId: actorIdOfKey(t.adminKey), actorDisplayName: 'bootstrap-admin' });
  });

  it('does not let an identity header turn a viewer into an editor', async () => {
    const viewer = await t.keyFor('viewer', 'viewer-with-headers');
    const { body } = await t.graphql(
      'mutation { tagResource(resourceId: "r-demo", tags: [{ key: "k", value: "v" }]) { auditEventId } }',
      {},
      {
        authorization: `Bearer ${viewer}`,
        'x-actor': actorIdOfKey(t.adminKey),
        'x-role': 'admin',
        'x-orgql-role': 'admin',
      },
    );
    expect(body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});
