// A real gateway for benchmarks: a throwaway PostgreSQL database, a silent logger, the bootstrap admin key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { parseConfig } from '../../src/server/config';
import { startGateway, type RunningGateway } from '../../src/server/gateway';
import { createBenchDb } from '../audit-bench-db';

export interface BenchGateway {
  readonly gateway: RunningGateway;
  readonly headers: Record<string, string>;
  /** POSTs a GraphQL operation as the admin; throws on transport errors, returns the body. */
  graphql(query: string, extra?: Record<string, string>): Promise<{ data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
  close(): Promise<void>;
}

export async function startBenchGateway(env: Record<string, string>): Promise<BenchGateway> {
  const bench = await createBenchDb('gw');
  // The embedded emulator keeps its organization in the data directory: a fresh one per run.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'orgql-bench-'));
  const config = parseConfig({ env: { LOG_LEVEL: 'silent', ORGQL_EMULATOR_PORT: '0', ORGQL_DATA_DIR: dataDir, ...env }, flags: { port: '0' } });
  const gateway = await startGateway({ ...config, database: { kind: 'postgres', url: bench.url } }, pino({ level: 'silent' }));
  if (!gateway.bootstrapAdminKey) throw new Error('expected an admin key on a fresh database');
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${gateway.bootstrapAdminKey}` };
  return {
    gateway,
    headers,
    async graphql(query, extra = {}) {
      const response = await fetch(gateway.graphqlUrl, { method: 'POST', headers: { ...headers, ...extra }, body: JSON.stringify({ query }) });
      return (await response.json()) as { data?: any; errors?: Array<{ message: string }> };
    },
    async close() {
      await gateway.close();
      await bench.drop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
