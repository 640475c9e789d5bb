import { createServer, type Server } from 'node:net';
import { ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { printedAdminKey, runOrgql, spawnOrgql } from '../support/orgql-process';
import { createTestDatabase, databaseEnv, type TestDatabase } from '../support/test-database';

/** `orgql serve` as a user starts it: where the embedded emulator listens, and when the first key is made. */
const KEY = /orgql_[a-f0-9]{16}_[A-Za-z0-9_-]{43}/;
const isReady = (line: Record<string, any>) => typeof line.msg === 'string' && line.msg.startsWith('orgql is ready');

/** A port some other program holds, for as long as the test needs it. */
async function occupiedPort(): Promise<{ port: number; release(): Promise<void> }> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { port, release: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('orgql serve start-up', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('fails on a busy ORGQL_PORT naming it, makes no key then, and the next start prints the admin key', async () => {
    const busy = await occupiedPort();
    try {
      const failed = await runOrgql(['serve'], { ...databaseEnv(db), ORGQL_PORT: String(busy.port) });
      expect(failed.code).toBe(1);
      expect(failed.output).toContain(`ORGQL_PORT (or --port): 127.0.0.1:${busy.port} is already in use`);
      expect(failed.output).not.toMatch(KEY);
    } finally {
      await busy.release();
    }
    const next = spawnOrgql(['serve', '--port', '0'], databaseEnv(db));
    try {
      await next.waitForLog(isReady);
      expect(await printedAdminKey(next)).toMatch(KEY);
    } finally {
      expect(await next.stop()).toBe(0);
    }
  });

  it('fails on a busy ORGQL_EMULATOR_PORT with a message naming it', async () => {
    const busy = await occupiedPort();
    try {
      const { code, output } = await runOrgql(['serve', '--port', '0'], { ...databaseEnv(db), ORGQL_EMULATOR_PORT: String(busy.port) });
      expect(code).toBe(1);
      expect(output).toContain(`ORGQL_EMULATOR_PORT: 127.0.0.1:${busy.port} is already in use`);
      expect(output).toContain('set ORGQL_EMULATOR_PORT to a free port');
    } finally {
      await busy.release();
    }
  });

  it('prints the embedded emulator address with an AWS CLI line and the credentials it accepts', async () => {
    const proc = spawnOrgql(['serve', '--port', '0'], databaseEnv(db));
    try {
      await proc.waitForLog(isReady);
      const pattern =
        /^ {2}AWS_ACCESS_KEY_ID=(\S+) AWS_SECRET_ACCESS_KEY=(\S+) AWS_DEFAULT_REGION=(\S+) \/usr\/bin\/aws organizations list-roots --endpoint-url (http:\/\/127\.0\.0\.1:\d+)$/m;
      const deadline = Date.now() + 10_000;
      let line: RegExpExecArray | null;
      while (!(line = pattern.exec(proc.output()))) {
        if (Date.now() > deadline) throw new Error(`no AWS CLI line; output:\n${proc.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const [, accessKeyId, secretAccessKey, region, endpoint] = line as unknown as [string, string, string, string, string];
      // What the printed command does, through the SDK the AWS CLI shares its protocol with.
      const client = new OrganizationsClient({ endpoint, region, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });
      const { Roots } = await client.send(new ListRootsCommand({}));
      expect(Roots).toHaveLength(1);
      expect(Roots![0]!.Id).toMatch(/^r-/);
      client.destroy();
    } finally {
      expect(await proc.stop()).toBe(0);
    }
  });
});
