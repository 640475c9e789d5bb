import { Writable } from 'node:stream';
import pino from 'pino';
import path from 'node:path';
import type { TestDatabase } from '../support/test-database';
import { parseConfig } from '../../src/server/config';
import { startGateway, type RunningGateway } from '../../src/server/gateway';
import { PrismaApiKeyStore } from '../../src/auth/prisma-api-key-store';

/** A gateway on a given database and upstream: several can share one database (replicas). */
export interface Replica {
  readonly gateway: RunningGateway;
  readonly logs: Array<Record<string, any>>;
  graphql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: any }>;
  close(): Promise<void>;
}

let replicas = 0;

/** Each replica has a data directory of its own (as on separate machines), all on one database. */
export async function startReplica(db: TestDatabase, env: Record<string, string>, adminKey?: string): Promise<Replica & { adminKey: string }> {
  const logs: Array<Record<string, any>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const dataDir = path.join(db.dataDir, `replica-${(replicas += 1)}`);
  const config = parseConfig({ env: { LOG_LEVEL: 'info', ORGQL_DATA_DIR: dataDir, ...env }, flags: { port: '0' } });
  const gateway = await startGateway({ ...config, database: db.target }, pino({ level: 'info' }, sink));
  const key =
    adminKey ?? gateway.bootstrapAdminKey ?? (await new PrismaApiKeyStore(gateway.database.prisma, 'test').create(`admin-${Date.now()}`, 'admin')).key;
  return {
    gateway,
    logs,
    adminKey: key,
    async graphql(query, variables, headers = {}) {
      const response = await fetch(gateway.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: await response.json() };
    },
    close: () => gateway.close(),
  };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
