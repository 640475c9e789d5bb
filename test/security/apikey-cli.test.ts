import { createHash } from 'node:crypto';
import { openDatabase } from '../../src/database/database';
import { printedAdminKey, runOrgql, spawnOrgql, type OrgqlProcess } from '../support/orgql-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { eventually } from '../mirror/support';
import { bearer, databaseEnv, post } from './support';

/**
 * `orgql apikey create|list|revoke` and `orgql serve` as an operator runs them (the built CLI,
 * `npm run build` first), on one database shared with a running gateway.
 */
const KEY = /orgql_[a-f0-9]{16}_[A-Za-z0-9_-]{43}/g;
/** keyId and secret of a key (the secret is base64url, so it may itself contain `_`). */
const partsOf = (key: string) => {
  const match = /^orgql_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/.exec(key);
  if (!match) throw new Error(`not an orgql key: ${key}`);
  return { keyId: match[1] as string, secret: match[2] as string };
};
const isReady = (line: Record<string, any>) => typeof line.msg === 'string' && line.msg.startsWith('orgql is ready');

describe('orgql apikey and orgql serve on a shared database', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let editorKey: string;
  let server: OrgqlProcess | undefined;
  const sharedServer = () => db.target.kind === 'postgres';

  beforeAll(async () => {
    db = await createTestDatabase();
    env = databaseEnv(db);
  });
  afterAll(async () => {
    await server?.stop();
    await db.drop();
  });

  async function apiKeyRows() {
    const database = await openDatabase(db.target);
    try {
      return await database.prisma.$queryRawUnsafe<Array<Record<string, unknown>>>('SELECT * FROM api_key ORDER BY created_at');
    } finally {
      await database.close();
    }
  }

  async function startServer(extra: Record<string, string> = {}): Promise<{ proc: OrgqlProcess; graphqlUrl: string }> {
    const proc = spawnOrgql(['serve', '--port', '0'], { ...env, ...extra });
    const ready = await proc.waitForLog(isReady);
    return { proc, graphqlUrl: ready.graphql as string };
  }

  it.each([
    ['--host 0.0.0.0', ['serve', '--port', '0', '--host', '0.0.0.0'], {}],
    ['ORGQL_HOST=0.0.0.0', ['serve', '--port', '0'], { ORGQL_HOST: '0.0.0.0' }],
  ])('refuses to start with no key on a public address (%s): exit 2 naming ORGQL_HOST, no key made', async (_name, args, extra) => {
    const { code, output } = await runOrgql(args, { ...env, ...extra });
    expect(code).toBe(2);
    expect(output).toMatch(/ORGQL_HOST: no active API key exists/);
    expect(output).toContain('orgql apikey create');
    expect(output).not.toMatch(KEY);
    expect(await apiKeyRows()).toEqual([]);
  });

  it('refuses an unknown role with exit 2 naming --role, and creates nothing', async () => {
    const { code, output } = await runOrgql(['apikey', 'create', '--name', 'bad-role', '--role', 'superuser'], env);
    expect(code).toBe(2);
    expect(output).toMatch(/--role: must be one of viewer, editor, auditor, admin/);
    expect(output).not.toMatch(KEY);
    expect(await apiKeyRows()).toEqual([]);
  });

  it.each([
    ['a name with spaces and quotes', ['apikey', 'create', '--name', "x'; DROP TABLE api_key; --", '--role', 'viewer'], /--name/],
    ['a missing --role', ['apikey', 'create', '--name', 'no-role'], /--role/],
  ])('refuses %s with exit 2', async (_name, args, message) => {
    const { code, output } = await runOrgql(args, env);
    expect(code).toBe(2);
    expect(output).toMatch(message);
    expect(await apiKeyRows()).toEqual([]);
  });

  it('creates a key and prints it exactly once; only its SHA-256 is stored', async () => {
    const { code, output } = await runOrgql(['apikey', 'create', '--name', 'x', '--role', 'editor'], env);
    expect(code).toBe(0);
    const printed = output.match(KEY) ?? [];
    expect(printed).toHaveLength(1);
    editorKey = printed[0]!;
    expect(output).toMatch(/Created API key "x" \(editor, id [a-f0-9]{16}\)/);

    const rows = await apiKeyRows();
    expect(rows).toHaveLength(1);
    const { keyId, secret } = partsOf(editorKey);
    expect(rows[0]).toMatchObject({ key_id: keyId, name: 'x', role: 'editor', revoked_at: null });
    expect(rows[0]!.secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(secret);
  });

  it('refuses a second active key with the same name (exit 2)', async () => {
    const { code, output } = await runOrgql(['apikey', 'create', '--name', 'x', '--role', 'admin'], env);
    expect(code).toBe(2);
    expect(output).toMatch(/API key not created:\n {2}- --name: .*"x"/);
    expect(output).not.toContain('Invalid configuration');
    expect(output).not.toMatch(KEY);
  });

  it('lists the key with its role and id but never its secret', async () => {
    const { code, output } = await runOrgql(['apikey', 'list'], env);
    expect(code).toBe(0);
    const { keyId, secret } = partsOf(editorKey);
    expect(output).toMatch(new RegExp(`^x\\teditor\\t${keyId}\\t\\S+\\tactive$`, 'm'));
    expect(output).not.toContain(secret);
    expect(output).not.toMatch(KEY);
  });

  it('serves with the existing key and prints no new admin key', async () => {
    const started = await startServer();
    // The banner with a new key is written before the ready line (cli.ts), so by now it would be there.
    server = started.proc;
    expect(server.output()).not.toMatch(KEY);
    expect(server.output()).not.toContain('No API key existed');
    await expect(printedAdminKey(server, 300)).rejects.toThrow(/printed no admin key/);
    expect((await apiKeyRows().catch(() => undefined))?.length ?? 1).toBe(1);

    const answer = await post(
      started.graphqlUrl,
      bearer(editorKey),
      'mutation { tagResource(resourceId: "r-demo", tags: [{ key: "cli", value: "x" }]) { auditEventId } }',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    if (!sharedServer()) {
      // PGlite is one process's database: stop the gateway before the CLI opens it.
      expect(await server.stop()).toBe(0);
      server = undefined;
    }
  });

  it('revokes the key: the next request with it gets 401, and a second revoke exits 2', async () => {
    let graphqlUrl: string | undefined;
    if (server) {
      // PostgreSQL: the gateway keeps running while the CLI revokes the key in the same database.
      const ready = await server.waitForLog(isReady);
      graphqlUrl = ready.graphql as string;
    }
    const revoked = await runOrgql(['apikey', 'revoke', 'x'], env);
    expect(revoked.code).toBe(0);
    expect(revoked.output).toMatch(/Revoked API key "x"/);

    if (!server) {
      // With no active key left, a loopback start would make a bootstrap admin key: not wanted here.
      const started = await startServer({ ORGQL_BOOTSTRAP_ADMIN_KEY: 'false' });
      server = started.proc;
      graphqlUrl = started.graphqlUrl;
    }
    // A running gateway may have the key cached: it hears of the revocation through NOTIFY (how fast
    // is test/auth/api-key-revocation.test.ts's business; here only that it does).
    const answer = await eventually(
      async () => {
        const reply = await post(graphqlUrl!, bearer(editorKey), '{ organization { id } }');
        return reply.status === 401 ? reply : undefined;
      },
      5000,
      'the gateway refuses the revoked key',
    );
    expect(answer.status).toBe(401);
    expect(answer.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(await server!.stop()).toBe(0);
    server = undefined;

    const list = await runOrgql(['apikey', 'list'], env);
    expect(list.output).toMatch(/^x\teditor\t[a-f0-9]{16}\t\S+\trevoked \S+$/m);
    const again = await runOrgql(['apikey', 'revoke', 'x'], env);
    expect(again.code).toBe(2);
    expect(again.output).toMatch(/no active API key named "x"/);
  });

  it('refuses to start on a public address while every key is revoked, and prints no key', async () => {
    expect((await apiKeyRows()).filter((row) => row.revoked_at === null)).toEqual([]);
    const proc = spawnOrgql(['serve', '--port', '0', '--host', '0.0.0.0'], env);
    const code = await Promise.race([proc.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 20_000))]);
    if (code !== 2) await proc.stop();
    expect({ code, output: code === 2 ? '' : proc.output() }).toEqual({ code: 2, output: '' });
    expect(proc.output()).toMatch(/ORGQL_HOST/);
    expect(proc.output()).not.toMatch(KEY);
  });
});
