import { Writable } from 'node:stream';
import pino from 'pino';
import { PrismaApiKeyStore } from '../../src/auth/prisma-api-key-store';
import type { Role } from '../../src/domain/identity';
import { parseConfig } from '../../src/server/config';
import { startGateway, type RunningGateway } from '../../src/server/gateway';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface GraphQLResponse<Data = Record<string, any>> {
  status: number;
  headers: Headers;
  body: { data?: Data | null; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>; extensions?: Record<string, any> };
}

export interface TestGateway {
  readonly gateway: RunningGateway;
  /** The admin key the gateway created on its first start; t.graphql sends it unless told otherwise. */
  readonly adminKey: string;
  /** `{ authorization: 'Bearer <admin key>' }`, for hand-made requests. */
  readonly auth: Record<string, string>;
  /** Creates an API key with that role on the gateway's database. */
  keyFor(role: Role, name?: string): Promise<string>;
  /** Every log line the gateway wrote, parsed. */
  readonly logs: Array<Record<string, any>>;
  /** POSTs an operation with the admin key; pass `authorization` in headers to use another (or '' for none). */
  graphql<Data = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<Data>>;
  /** t.graphql as the admin, expecting no errors: the answer's data. */
  data(query: string, variables?: Record<string, unknown>): Promise<Record<string, any>>;
  close(): Promise<void>;
}

/** The request header that makes a request read AWS directly instead of the org mirror. */
export const READ_UPSTREAM = { 'x-orgql-consistency': 'upstream' } as const;

/**
 * Waits until the gateway's mirror has finished a full sync, tags included, so that upstream call
 * counts taken afterwards are the request's own, not the sync's.
 */
export async function mirrorSettled(gateway: RunningGateway, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = gateway.mirror.status();
    if (status.tagsSyncedAt !== null && status.syncedAt !== null && status.tagsSyncedAt >= status.syncedAt) return;
    if (status.state === 'FAILED') throw new Error(`the mirror's first sync failed: ${status.lastError}`);
    if (Date.now() > deadline) throw new Error(`mirror not settled after ${timeoutMs} ms: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface GatewayOptions {
  /** A database prepared by the test (dropped on close), reached through env's DATABASE_URL; default: a fresh one. */
  readonly database?: TestDatabase;
  /** Wait for the mirror's first full sync (tags included) before returning; default true. */
  readonly settle?: boolean;
}

/** A real gateway in this process, its log lines, and key management on its database. */
export interface GatewayUnderTest {
  readonly gateway: RunningGateway;
  readonly logs: Array<Record<string, any>>;
  keyFor(role: Role, name?: string): Promise<string>;
  revoke(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the real gateway on a free port with a fresh test database and the given environment (by
 * default the embedded emulator with the demo organization). It makes no demand on credentials:
 * with JWT configured, no bootstrap key exists.
 */
export async function startGatewayUnderTest(env: Record<string, string> = {}, options: GatewayOptions = {}): Promise<GatewayUnderTest> {
  const testDb: TestDatabase = options.database ?? (await createTestDatabase());
  const logs: Array<Record<string, any>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  // The embedded emulator on a free port too: test files run in parallel and must not fight over 4566.
  const config = parseConfig({ env: { LOG_LEVEL: 'info', ORGQL_DATA_DIR: testDb.dataDir, ORGQL_EMULATOR_PORT: '0', ...env }, flags: { port: '0' } });
  // A database the caller prepared is reached the way env says (DATABASE_URL as some role).
  const gateway = await startGateway(options.database ? config : { ...config, database: testDb.target }, pino({ level: 'info' }, sink)).catch(async (error) => {
    await testDb.drop();
    throw error;
  });
  // Upstream call counts in tests are the requests' own: the mirror's first sync is over.
  if (options.settle !== false && config.mirror.enabled) await mirrorSettled(gateway).catch(() => undefined);
  const store = new PrismaApiKeyStore(gateway.database.prisma, 'test');
  let keys = 0;
  return {
    gateway,
    logs,
    async keyFor(role, name = `${role}-${(keys += 1)}`) {
      return (await store.create(name, role)).key;
    },
    async revoke(name) {
      await store.revoke(name);
    },
    async close() {
      await gateway.close();
      await testDb.drop();
    },
  };
}

/** startGatewayUnderTest, with requests sent as the bootstrap admin the gateway made on its fresh database. */
export async function startTestGateway(env: Record<string, string> = {}, options: GatewayOptions = {}): Promise<TestGateway> {
  const base = await startGatewayUnderTest(env, options);
  const { gateway } = base;
  if (!gateway.bootstrapAdminKey) throw new Error('expected the gateway to create an admin key on a fresh database');
  const adminKey = gateway.bootstrapAdminKey;
  const auth = { authorization: `Bearer ${adminKey}` };
  async function graphql<Data = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<Data>> {
    const merged: Record<string, string> = { 'content-type': 'application/json', ...auth, ...headers };
    if (merged.authorization === '') delete merged.authorization;
    const response = await fetch(gateway.graphqlUrl, {
      method: 'POST',
      headers: merged,
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<Data>['body'] };
  }
  return {
    gateway,
    logs: base.logs,
    adminKey,
    auth,
    keyFor: (role, name) => base.keyFor(role, name),
    graphql,
    async data(query, variables) {
      const { body } = await graphql(query, variables);
      expect(body.errors).toBeUndefined();
      return body.data!;
    },
    close: () => base.close(),
  };
}
