import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DatabaseTarget } from '../../src/database/database';

export interface TestDatabase {
  readonly target: DatabaseTarget;
  /**
   * A temporary ORGQL_DATA_DIR of the test's own (the embedded emulator saves its organization
   * there), so no test reads or overwrites another's state, nor the repository's .orgql.
   */
  readonly dataDir: string;
  drop(): Promise<void>;
}

export type TestDatabaseKind = DatabaseTarget['kind'];

/** The kinds a suite that must hold on both can run on: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const AVAILABLE_DATABASE_KINDS: readonly TestDatabaseKind[] = process.env.DATABASE_URL ? ['postgres', 'pglite'] : ['pglite'];

/**
 * A fresh, empty database for one test file: a throwaway database on the PostgreSQL server at
 * DATABASE_URL when it is set, otherwise an embedded PGlite in a temporary directory. `kind: 'pglite'`
 * asks for the embedded database even when a server is configured.
 */
export async function createTestDatabase({ kind }: { kind?: TestDatabaseKind } = {}): Promise<TestDatabase> {
  const serverUrl = kind === 'pglite' ? undefined : process.env.DATABASE_URL;
  const dir = mkdtempSync(path.join(tmpdir(), 'orgql-test-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (!serverUrl) {
    return { target: { kind: 'pglite', dataDir: path.join(dir, 'pgdata') }, dataDir: dir, drop: async () => removeDir() };
  }
  const name = `orgql_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString() },
    dataDir: dir,
    drop: () => withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => removeDir()),
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
  return db.target.kind === 'postgres' ? { DATABASE_URL: db.target.url, ORGQL_DATA_DIR: db.dataDir } : { ORGQL_DATA_DIR: db.dataDir };
}
