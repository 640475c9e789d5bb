import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { printedAdminKey, runOrgql, spawnOrgql } from '../support/orgql-process';
import { createTestDatabase, databaseEnv, type TestDatabase } from '../support/test-database';

/** What an operator sees when something is wrong, from the built `orgql` command as a child process. */
const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'orgql.js');
const isReady = (line: Record<string, any>) => typeof line.msg === 'string' && line.msg.startsWith('orgql is ready');

/** A port nothing listens on: taken from the OS, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('orgql configuration and usage errors', () => {
  it('prints its version from package.json with --version', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const { code, output } = await runOrgql(['--version']);
    expect(code).toBe(0);
    expect(output.trim()).toBe(version);
  });

  it('names ORGQL_EMULATOR_SEED and exits 2 when the seed is neither demo, empty nor a file', async () => {
    const { code, output } = await runOrgql(['serve', '--port', '0'], { ORGQL_EMULATOR_SEED: 'demo-org' });
    expect(code).toBe(2);
    expect(output).toMatch(/^orgql: Invalid configuration:\n {2}- ORGQL_EMULATOR_SEED: must be demo, empty or the path of a seed file/m);
  });

  it('names ORGQL_EMULATOR_SEED and exits 2 when the seed file is not a valid organization', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'orgql-seed-'));
    const db = await createTestDatabase();
    try {
      writeFileSync(path.join(dir, 'seed.json'), '{ "accounts": [');
      const { code, output } = await runOrgql(['serve', '--port', '0'], { ...databaseEnv(db), ORGQL_EMULATOR_SEED: path.join(dir, 'seed.json') });
      expect(code).toBe(2);
      expect(output).toMatch(/ORGQL_EMULATOR_SEED: Seed file .*seed\.json is not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    }
  });

  it('never echoes the password of a malformed DATABASE_URL', async () => {
    const { code, output } = await runOrgql(['migrate'], { DATABASE_URL: 'postgres//orgql:hunter2-secret@db.internal:5432/orgql' });
    expect(code).toBe(2);
    expect(output).toMatch(/DATABASE_URL: must be a postgresql:\/\/ or postgres:\/\/ URL \(got "postgres\/\/orgql:\*\*\*@db\.internal:5432\/orgql"\)/);
    expect(output).not.toContain('hunter2');
  });

  it.each([['serve', '--port', '0'], ['migrate'], ['apikey', 'list'], ['audit', 'verify']])(
    'names DATABASE_URL, masked, when nothing answers there (orgql %s)',
    async (...args) => {
      const url = `postgresql://orgql:hunter2-secret@127.0.0.1:${await closedPort()}/orgql`;
      const { code, output } = await runOrgql(args, { DATABASE_URL: url });
      expect(code).toBe(1);
      expect(output).toMatch(/DATABASE_URL: cannot connect to the PostgreSQL server at postgresql:\/\/orgql:\*\*\*@127\.0\.0\.1:\d+\/orgql \(ECONNREFUSED\)/);
      expect(output).not.toContain('hunter2');
      expect(output).not.toMatch(/\n\s+at /); // no stack trace
    },
  );
});

describe('orgql apikey and audit on a database with history', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    // A few audited changes, made the way a user makes them.
    const server = spawnOrgql(['serve', '--port', '0'], databaseEnv(db));
    const ready = await server.waitForLog(isReady);
    const key = await printedAdminKey(server);
    for (let i = 0; i < 5; i += 1) {
      const response = await fetch(ready.graphql as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: `mutation { tagResource(resourceId: "r-demo", tags: [{ key: "n", value: "${i}" }]) { auditEventId } }` }),
      });
      expect(response.status).toBe(200);
    }
    expect(await server.stop()).toBe(0);
  }, 60_000);
  afterAll(() => db.drop());

  it('labels a taken key name as such, not as a configuration problem', async () => {
    const { code, output } = await runOrgql(['apikey', 'create', '--name', 'bootstrap-admin', '--role', 'viewer'], databaseEnv(db));
    expect(code).toBe(2);
    expect(output).toMatch(/^orgql: API key not created:\n {2}- --name: .*"bootstrap-admin"/m);
    expect(output).not.toContain('Invalid configuration');
  });

  it('ends `audit export | head -1` quietly with exit 0', async () => {
    const shell = spawn('bash', ['-c', `"${process.execPath}" "${BIN}" audit export | head -1; echo "orgql exit \${PIPESTATUS[0]}" >&2`], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...databaseEnv(db) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    shell.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    shell.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise((resolve) => shell.on('close', resolve));
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(JSON.parse(stdout)).toMatchObject({ sequence: expect.anything() });
    expect(stderr.trim()).toBe('orgql exit 0');
  });

  it('ends quietly with exit 0 when the reader closes the pipe before the first row', async () => {
    const child = spawn(process.execPath, [BIN, 'audit', 'export'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...databaseEnv(db) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader is gone before orgql has even opened the database: its every write meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});
