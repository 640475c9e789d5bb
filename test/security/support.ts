import { Writable } from 'node:stream';
import path from 'node:path';
import pino from 'pino';
import { PrismaApiKeyStore } from '../../src/auth/prisma-api-key-store';
import type { Role } from '../../src/domain/identity';
import { parseConfig } from '../../src/server/config';
import { startGateway, type RunningGateway } from '../../src/server/gateway';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** What the security tests look at in a GraphQL answer. */
export interface Answer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }> };
  text: string;
}

/** POSTs an operation; `authorization` is sent as given (undefined: no header at all). */
export async function post(url: string, authorization: string | undefined, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const all: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (authorization !== undefined) all.authorization = authorization;
  const response = await fetch(url, { method: 'POST', headers: all, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  let body: Answer['body'] = {};
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    // not JSON (413 pages, HTML): keep the text
  }
  return { status: response.status, headers: response.headers, body, text };
}

export const bearer = (token: string) => `Bearer ${token}`;

/** The error codes of an answer, in order. */
export const codesOf = (answer: Answer): string[] => (answer.body.errors ?? []).map((e) => String(e.extensions?.code));

/** Emulator calls so far (GET /_emulator/stats). */
export async function upstreamCalls(emulatorUrl: string | undefined): Promise<{ total: number; calls: Record<string, number> }> {
  if (!emulatorUrl) throw new Error('expected the embedded emulator');
  return (await (await fetch(`${emulatorUrl}/_emulator/stats`)).json()) as { total: number; calls: Record<string, number> };
}

/** The audit key id of an API key: `apikey:<keyId>` is its actor id. */
export const actorIdOfKey = (key: string) => `apikey:${key.split('_')[1]}`;

/**
 * A real gateway on a fresh database, like test/support/gateway-harness.ts, but it does not
 * require a bootstrap admin key (none is made when JWT is configured).
 */
export interface SecurityGateway {
  readonly gateway: RunningGateway;
  readonly graphqlUrl: string;
  readonly url: string;
  readonly logs: Array<Record<string, any>>;
  keyFor(role: Role, name?: string): Promise<string>;
  revoke(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startSecurityGateway(env: Record<string, string> = {}): Promise<SecurityGateway> {
  const testDb: TestDatabase = await createTestDatabase();
  const logs: Array<Record<string, any>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const config = parseConfig({ env: { LOG_LEVEL: 'info', ...env }, flags: { port: '0' } });
  const gateway = await startGateway({ ...config, database: testDb.target }, pino({ level: 'info' }, sink)).catch(async (error) => {
    await testDb.drop();
    throw error;
  });
  let made = 0;
  const store = new PrismaApiKeyStore(gateway.database.prisma, 'test');
  return {
    gateway,
    graphqlUrl: gateway.graphqlUrl,
    url: gateway.url,
    logs,
    async keyFor(role, name = `sec-${role}-${(made += 1)}`) {
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

/** The environment that points a child `orgql` at a test database. */
export function databaseEnv(db: TestDatabase): Record<string, string> {
  return db.target.kind === 'postgres' ? { DATABASE_URL: db.target.url } : { ORGQL_DATA_DIR: path.dirname(db.target.dataDir) };
}
