import { startTestGateway, type TestGateway } from '../support/gateway-harness';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The gateway reaches PostgreSQL through a TCP proxy the test switches off: the database really
// goes away (connections cut, new ones refused), nothing is mocked. Needs DATABASE_URL.
const INTERNALS = /prisma|postgres|PrismaClient|SELECT|INSERT|ECONNREFUSED|127\.0\.0\.1|localhost|\/work\/|node_modules|\bat \w+ \(|\.ts:\d+/i;

describe('with the database down', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let t: TestGateway;
  let editorKey: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    if (db.target.kind !== 'postgres') throw new Error('this test needs PostgreSQL (DATABASE_URL)');
    const direct = new URL(db.target.url);
    proxy = await startTcpProxy(direct.hostname, Number(direct.port || 5432));
    const proxied = new URL(db.target.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    t = await startTestGateway({ DATABASE_URL: proxied.toString(), ORGQL_AUDIT_RECONCILE_INTERVAL_MS: '0' }, { database: db });
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

  async function expectUnavailable(response: Response, code: string) {
    const text = await response.text();
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(text).not.toMatch(INTERNALS);
    const body = JSON.parse(text) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe(code);
  }

  it('answers a mutation 503 AUDIT_UNAVAILABLE, JSON, with no internals', async () => {
    await expectUnavailable(await graphql('mutation { tagResource(resourceId: "444444444444", tags: [{ key: "k", value: "v" }]) { auditEventId } }'), 'AUDIT_UNAVAILABLE');
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
