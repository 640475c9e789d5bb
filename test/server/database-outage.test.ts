import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { startGatewayUnderTest, startTestGateway, type GatewayUnderTest, type TestGateway } from '../support/gateway-harness';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { describeOnPostgres } from '../support/on-postgres';

// The gateway reaches PostgreSQL through a TCP proxy the test switches off: the database really
// goes away (connections cut, new ones refused), nothing is mocked. Needs DATABASE_URL.
const INTERNALS = /prisma|postgres|PrismaClient|SELECT|INSERT|ECONNREFUSED|127\.0\.0\.1|localhost|\/work\/|node_modules|\bat \w+ \(|\.ts:\d+/i;

/** A gateway on a fresh database that it reaches through a TCP proxy. */
async function proxiedDatabase(): Promise<{ db: TestDatabase; proxy: TcpProxy; env: Record<string, string> }> {
  const db = await createTestDatabase();
  if (db.target.kind !== 'postgres') throw new Error('this test needs PostgreSQL (DATABASE_URL)');
  const direct = new URL(db.target.url);
  const proxy = await startTcpProxy(direct.hostname, Number(direct.port || 5432));
  const proxied = new URL(db.target.url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  return { db, proxy, env: { DATABASE_URL: proxied.toString(), ORGQL_AUDIT_RECONCILE_INTERVAL_MS: '0' } };
}

async function expectUnavailable(response: Response, code: string) {
  const text = await response.text();
  expect(response.status).toBe(503);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(text).not.toMatch(INTERNALS);
  const body = JSON.parse(text) as { errors: Array<{ extensions: { code: string } }> };
  expect(body.errors[0]!.extensions.code).toBe(code);
}

describeOnPostgres('with the database down', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let t: TestGateway;
  let editorKey: string;

  beforeAll(async () => {
    let env: Record<string, string>;
    ({ db, proxy, env } = await proxiedDatabase());
    t = await startTestGateway(env, { database: db });
    editorKey = await t.keyFor('editor', 'outage-editor');
    await proxy.stop();
  });
  afterAll(async () => {
    await proxy.resume();
    await t.close();
    await proxy.close();
  });

  const send = (path: string, init: RequestInit = {}) => fetch(new URL(path, t.gateway.url), init);
  const graphql = (query: string, key = editorKey) =>
    send('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) });

  it('answers a mutation 503 AUDIT_UNAVAILABLE, JSON, with no internals', async () => {
    await expectUnavailable(
      await graphql('mutation { tagResource(resourceId: "444444444444", tags: [{ key: "k", value: "v" }]) { auditEventId } }'),
      'AUDIT_UNAVAILABLE',
    );
  });

  it('answers a query, the audit export and the landing page 503 SERVICE_UNAVAILABLE', async () => {
    await expectUnavailable(await graphql('{ organization { id } }'), 'SERVICE_UNAVAILABLE');
    await expectUnavailable(await send('/audit/export', { headers: { authorization: `Bearer ${editorKey}` } }), 'SERVICE_UNAVAILABLE');
    await expectUnavailable(await send('/', { headers: { authorization: `Bearer ${editorKey}` } }), 'SERVICE_UNAVAILABLE');
  });

  it('says in /readyz which check fails and why, without the raw error', async () => {
    const response = await send('/readyz');
    const text = await response.text();
    expect(response.status).toBe(503);
    expect(text).not.toMatch(INTERNALS);
    expect(JSON.parse(text)).toMatchObject({ status: 'unavailable', checks: { database: { ok: false, reason: expect.any(String) } } });
  });

  it('serves again once the database is back', async () => {
    await proxy.resume();
    const deadline = Date.now() + 20_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) status = (await graphql('{ organization { id } }')).status;
    expect(status).toBe(200);
    await proxy.stop();
  });
});

// With JWT the caller is authenticated without the database, so the request reaches GraphQL.
describeOnPostgres('with the database down, for a caller authenticated by JWT', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let g: GatewayUnderTest;
  let token: string;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    let env: Record<string, string>;
    ({ db, proxy, env } = await proxiedDatabase());
    const jwt = { ORGQL_JWT_ISSUER: 'https://idp.example.test/', ORGQL_JWT_AUDIENCE: 'orgql-outage', ORGQL_JWT_PUBLIC_KEY: await exportSPKI(pair.publicKey) };
    g = await startGatewayUnderTest({ ...env, ...jwt }, { database: db });
    token = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(jwt.ORGQL_JWT_ISSUER)
      .setAudience(jwt.ORGQL_JWT_AUDIENCE)
      .setSubject('ops')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(pair.privateKey);
    await proxy.stop();
  });
  afterAll(async () => {
    await proxy.resume();
    await g.close();
    await proxy.close();
  });

  const graphql = (query: string) =>
    fetch(g.gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });

  it('answers a mutation 503 AUDIT_UNAVAILABLE and an audit query 503 SERVICE_UNAVAILABLE', async () => {
    await expectUnavailable(
      await graphql('mutation { tagResource(resourceId: "444444444444", tags: [{ key: "k", value: "v" }]) { auditEventId } }'),
      'AUDIT_UNAVAILABLE',
    );
    await expectUnavailable(await graphql('{ auditEvents(first: 1) { totalCount } }'), 'SERVICE_UNAVAILABLE');
  });

  it('still answers what needs no database', async () => {
    const response = await graphql('{ organization { id } }');
    expect(response.status).toBe(200);
  });
});
