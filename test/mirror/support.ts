import { Writable } from 'node:stream';
import pino from 'pino';
import type { DatabaseTarget } from '../../src/database/database';
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

export async function startReplica(database: DatabaseTarget, env: Record<string, string>, adminKey?: string): Promise<Replica & { adminKey: string }> {
  const logs: Array<Record<string, any>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const config = parseConfig({ env: { LOG_LEVEL: 'info', ...env }, flags: { port: '0' } });
  const gateway = await startGateway({ ...config, database }, pino({ level: 'info' }, sink));
  const key = adminKey ?? gateway.bootstrapAdminKey ?? (await new PrismaApiKeyStore(gateway.database.prisma, 'test').create(`admin-${Date.now()}`, 'admin')).key;
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
