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
  body: { data?: Data | null; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }> };
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
  close(): Promise<void>;
}

/**
 * Starts the real gateway in this process on a free port, with a fresh test database and the
 * given environment (by default the embedded emulator with the demo organization).
 */
export async function startTestGateway(env: Record<string, string> = {}): Promise<TestGateway> {
  const testDb: TestDatabase = await createTestDatabase();
  const logs: Array<Record<string, any>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const config = parseConfig({ env: { LOG_LEVEL: 'info', ...env }, flags: { port: '0' } });
  const gatewayConfig = { ...config, database: testDb.target };
  const gateway = await startGateway(gatewayConfig, pino({ level: 'info' }, sink)).catch(async (error) => {
    await testDb.drop();
    throw error;
  });
  if (!gateway.bootstrapAdminKey) throw new Error('expected the gateway to create an admin key on a fresh database');
  const adminKey = gateway.bootstrapAdminKey;
  const auth = { authorization: `Bearer ${adminKey}` };
  let keys = 0;
  return {
    gateway,
    logs,
    adminKey,
    auth,
    async keyFor(role, name = `${role}-${(keys += 1)}`) {
      return (await new PrismaApiKeyStore(gateway.database.prisma, 'test').create(name, role)).key;
    },
    async graphql<Data>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<Data>> {
      const merged: Record<string, string> = { 'content-type': 'application/json', ...auth, ...headers };
      if (merged.authorization === '') delete merged.authorization;
      const response = await fetch(gateway.graphqlUrl, {
        method: 'POST',
        headers: merged,
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<Data>['body'] };
    },
    async close() {
      await gateway.close();
      await testDb.drop();
    },
  };
}
