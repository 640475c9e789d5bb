import { parseApiKey } from '../../src/auth/api-key';
import { ApiKeyNameTakenError } from '../../src/auth/api-key-store';
import { createAuthenticator } from '../../src/auth/authenticator';
import { PrismaApiKeyStore } from '../../src/auth/prisma-api-key-store';
import { openDatabase, type Database } from '../../src/database/database';
import { migrateDatabase } from '../../src/database/migrate';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('API keys in the database', () => {
  let testDb: TestDatabase;
  let db: Database;
  let store: PrismaApiKeyStore;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = await openDatabase(testDb.target);
    await migrateDatabase(db);
    store = new PrismaApiKeyStore(db.prisma);
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  it('authenticates a new key as its name and role', async () => {
    const { key, record } = await store.create('ci-pipeline', 'editor');
    expect(key).toMatch(/^orgql_[a-f0-9]{16}_[A-Za-z0-9_-]{43}$/);
    const result = await createAuthenticator({ apiKeys: store })(`Bearer ${key}`);
    expect(result).toEqual({ ok: true, principal: { id: `apikey:${record.keyId}`, type: 'API_KEY', displayName: 'ci-pipeline', roles: ['editor'] } });
  });

  it('stores only a hash: the secret appears nowhere in the row', async () => {
    const { key, record } = await store.create('hash-check', 'viewer');
    const rows = await db.prisma.$queryRawUnsafe<Array<Record<string, unknown>>>('SELECT * FROM api_key WHERE key_id = $1', record.keyId);
    const secret = parseApiKey(key)!.secret;
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(rows[0]!.secret_hash).toMatch(/^[a-f0-9]{64}$/);
  });

  it.each([
    ['no header', undefined, 'MISSING_CREDENTIALS'],
    ['a non-bearer scheme', 'Basic dXNlcjpwYXNz', 'MISSING_CREDENTIALS'],
    ['a malformed key', 'Bearer orgql_nothex_short', 'INVALID_CREDENTIALS'],
    ['an unknown key id', `Bearer orgql_0000000000000000_${'A'.repeat(43)}`, 'INVALID_CREDENTIALS'],
    ['a JWT when JWT is not configured', 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln', 'INVALID_CREDENTIALS'],
  ])('refuses %s', async (_name, header, reason) => {
    const result = await createAuthenticator({ apiKeys: store })(header);
    expect(result).toMatchObject({ ok: false, reason });
  });

  it('refuses a known key id with the wrong secret', async () => {
    const { key } = await store.create('wrong-secret', 'admin');
    const tampered = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    expect(await createAuthenticator({ apiKeys: store })(`Bearer ${tampered}`)).toMatchObject({ ok: false, reason: 'INVALID_CREDENTIALS' });
  });

  it('refuses a revoked key at once and keeps it in the list', async () => {
    const { key } = await store.create('to-revoke', 'viewer');
    const revoked = await store.revoke('to-revoke');
    expect(revoked!.revokedAt).toBeInstanceOf(Date);
    expect(await createAuthenticator({ apiKeys: store })(`Bearer ${key}`)).toMatchObject({ ok: false });
    expect((await store.list()).find((k) => k.name === 'to-revoke')!.revokedAt).not.toBeNull();
    expect(await store.revoke('to-revoke')).toBeUndefined();
  });

  it('refuses a second active key with the same name, but allows it after revocation', async () => {
    await store.create('unique-name', 'viewer');
    await expect(store.create('unique-name', 'admin')).rejects.toBeInstanceOf(ApiKeyNameTakenError);
    await store.revoke('unique-name');
    await expect(store.create('unique-name', 'admin')).resolves.toMatchObject({ record: { role: 'admin' } });
  });

  it('counts only active keys', async () => {
    const before = await store.countActive();
    await store.create('counted', 'viewer');
    expect(await store.countActive()).toBe(before + 1);
    await store.revoke('counted');
    expect(await store.countActive()).toBe(before);
  });

  it('refuses a role the application does not know, in the database itself', async () => {
    await expect(
      db.prisma.$executeRawUnsafe("INSERT INTO api_key (key_id, name, role, secret_hash, created_by) VALUES ('x1', 'bad', 'root', 'h', 'test')"),
    ).rejects.toThrow();
  });
});
