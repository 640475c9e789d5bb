// Shared by the audit benchmarks: a throwaway, migrated database on the PostgreSQL server.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type Database } from '../src/database/database';
import { readMigrations } from '../src/database/migration-files';
import { applyMigrations } from '../src/database/migrate';

export const SERVER_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface BenchDb {
  readonly url: string;
  readonly db: Database;
  drop(): Promise<void>;
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createBenchDb(prefix: string): Promise<BenchDb> {
  const name = `orgql_bench_${prefix}_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString() });
  const conn = await db.openSqlConnection();
  await applyMigrations(conn, readMigrations()).finally(() => conn.close());
  return {
    url: url.toString(),
    db,
    drop: async () => {
      await db.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const fmt = (ms: number): string => `${ms.toFixed(2)} ms`;
