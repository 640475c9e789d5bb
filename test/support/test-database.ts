import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DatabaseTarget } from '../../src/database/database';

export interface TestDatabase {
  readonly target: DatabaseTarget;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: a throwaway database on the PostgreSQL server at
 * DATABASE_URL when it is set, otherwise an embedded PGlite in a temporary directory.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), 'orgql-test-'));
    return {
      target: { kind: 'pglite', dataDir: path.join(dir, 'pgdata') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `orgql_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString() },
    drop: () => withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdmin<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The environment that points a child `orgql` process at a test database. */
export function databaseEnv(db: TestDatabase): Record<string, string> {
  return db.target.kind === 'postgres' ? { DATABASE_URL: db.target.url } : { ORGQL_DATA_DIR: path.dirname(db.target.dataDir) };
}
