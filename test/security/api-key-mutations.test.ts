import { startTestGateway, type TestGateway } from '../support/gateway-harness';
import { auditRows, lastIntent } from '../graphql/support/audit-rows';
import { secretOf } from '../support/api-key-parts';

const CREATE = `mutation($name: String!, $role: Role!) { createApiKey(name: $name, role: $role) { secret auditEventId apiKey { name role keyId active createdAt revokedAt } } }`;
const REVOKE = `mutation($name: String!) { revokeApiKey(name: $name) { auditEventId apiKey { name keyId active revokedAt } } }`;
const LIST = `{ apiKeys { name role keyId active revokedAt } }`;
const WHO = `{ roots { id } }`;

describe('API keys managed through GraphQL while the gateway runs (issue 14, item 4)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  const as = (secret: string) => ({ authorization: `Bearer ${secret}` });

  it('creates a key that works on the next request, returns its secret once and audits it without the secret', async () => {
    const created = (await t.data(CREATE, { name: 'ci-reader', role: 'VIEWER' })).createApiKey;
    expect(created.secret).toMatch(/^orgql_[a-f0-9]{16}_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey).toMatchObject({ name: 'ci-reader', role: 'VIEWER', active: true, revokedAt: null });
    expect(created.secret).toContain(created.apiKey.keyId);

    const asViewer = await t.graphql(WHO, {}, as(created.secret));
    expect(asViewer.body.data).toEqual({ roots: [{ id: 'r-demo' }] });
    expect(asViewer.body.errors).toBeUndefined();

    const [intent, result] = await auditRows(t, created.auditEventId);
    expect(intent).toMatchObject({
      kind: 'INTENT',
      operation: 'createApiKey',
      upstreamAction: 'orgql:CreateApiKey',
      arguments: { name: 'ci-reader', role: 'viewer' },
    });
    expect(intent!.actorId).toMatch(/^apikey:/);
    expect(result).toMatchObject({ kind: 'RESULT', outcome: 'SUCCEEDED', targetId: `apikey:${created.apiKey.keyId}` });
    expect(result!.stateAfter).toMatchObject({ apiKey: { name: 'ci-reader', role: 'viewer', keyId: created.apiKey.keyId } });
    // The secret is nowhere in the audit log: not in the rows of this change, not in an export.
    const exported = await (await fetch(new URL('/audit/export?format=ndjson', t.gateway.url), { headers: t.auth })).text();
    expect(exported).toContain('orgql:CreateApiKey');
    expect(exported).not.toContain(secretOf(created.secret));
  });

  it('lists keys with their roles and states but never a secret', async () => {
    const { body } = await t.graphql(LIST);
    expect(body.errors).toBeUndefined();
    expect(body.data!.apiKeys).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'bootstrap-admin', role: 'ADMIN', active: true }),
        expect.objectContaining({ name: 'ci-reader', role: 'VIEWER', active: true }),
      ]),
    );
    expect(JSON.stringify(body)).not.toMatch(/orgql_[a-f0-9]{16}_/);
  });

  it('revokes a key, which is refused from the next request on, and audits the revocation', async () => {
    const secret = (await t.data(CREATE, { name: 'short-lived', role: 'EDITOR' })).createApiKey.secret as string;
    expect((await t.graphql(WHO, {}, as(secret))).status).toBe(200);
    const revoked = (await t.data(REVOKE, { name: 'short-lived' })).revokeApiKey;
    expect(revoked.apiKey).toMatchObject({ name: 'short-lived', active: false });
    expect(revoked.apiKey.revokedAt).not.toBeNull();
    expect((await t.graphql(WHO, {}, as(secret))).status).toBe(401);
    const [intent, result] = await auditRows(t, revoked.auditEventId);
    expect(intent).toMatchObject({ operation: 'revokeApiKey', upstreamAction: 'orgql:RevokeApiKey', arguments: { name: 'short-lived' } });
    expect(result).toMatchObject({ outcome: 'SUCCEEDED', targetId: `apikey:${revoked.apiKey.keyId}` });
  });

  it('answers DUPLICATE, NOT_FOUND and BAD_USER_INPUT, each attempt audited as FAILED', async () => {
    const duplicate = await t.graphql(CREATE, { name: 'ci-reader', role: 'ADMIN' });
    expect(duplicate.body.errors?.[0]?.extensions?.code).toBe('DUPLICATE');
    expect((await lastIntent(t, 'createApiKey'))!.results[0]).toMatchObject({ outcome: 'FAILED', errorCode: 'DUPLICATE' });

    const missing = await t.graphql(REVOKE, { name: 'nobody' });
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await lastIntent(t, 'revokeApiKey'))!.results[0]).toMatchObject({ outcome: 'FAILED', errorCode: 'NOT_FOUND' });

    const badName = await t.graphql(CREATE, { name: 'has spaces\nand a newline', role: 'VIEWER' });
    expect(badName.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // The fuzzer found this one: PostgreSQL cannot compare a name with a NUL in it.
    const nul = await t.graphql(REVOKE, { name: 'a\u0000b' });
    expect(nul.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await lastIntent(t, 'revokeApiKey'))!.results[0]).toMatchObject({ outcome: 'FAILED', errorCode: 'BAD_USER_INPUT' });
  });

  it('refuses key management to every role but admin, and records the refusal', async () => {
    const editor = await t.keyFor('editor', 'not-an-admin');
    const { body } = await t.graphql(CREATE, { name: 'sneaky', role: 'ADMIN' }, as(editor));
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredPermission: 'ADMIN' });
    const listed = (await t.data(LIST)).apiKeys as Array<{ name: string }>;
    expect(listed.map((k) => k.name)).not.toContain('sneaky');
    expect((await lastIntent(t, 'createApiKey'))!.results[0]).toMatchObject({ outcome: 'FAILED', errorCode: 'FORBIDDEN' });
  });
});
