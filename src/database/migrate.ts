import { randomUUID } from 'node:crypto';
import type { Database } from './database';
import { readMigrations, type MigrationFile } from './migration-files';
import type { SqlConnection } from './sql-connection';

/**
 * Applies pending migrations the way `prisma migrate deploy` does, so that Prisma's own tooling
 * agrees with what orgql applied: the same `_prisma_migrations` table and columns, the same
 * checksum (SHA-256 of migration.sql) and the same advisory lock key, so orgql processes and the
 * Prisma CLI starting together wait for each other instead of both applying.
 */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(
    readonly code: 'CHECKSUM_MISMATCH' | 'FAILED_MIGRATION_PRESENT' | 'MIGRATION_FAILED',
    readonly migrationName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface MigrationReport {
  readonly applied: string[];
  readonly alreadyApplied: string[];
  /** Recorded in the database but absent from the migrations folder (e.g. a newer release ran). */
  readonly unknownApplied: string[];
}

interface AppliedRow extends Record<string, unknown> {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

export async function applyMigrations(conn: SqlConnection, migrations: readonly MigrationFile[]): Promise<MigrationReport> {
  // The lock comes first: two runners creating the table at once race in the catalog.
  await conn.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
  try {
    await conn.exec(CREATE_MIGRATIONS_TABLE);
    const rows = await conn.query<AppliedRow>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at');
    const live = rows.filter((row) => row.rolled_back_at === null);
    const failed = live.find((row) => row.finished_at === null);
    if (failed) {
      throw new MigrationError(
        'FAILED_MIGRATION_PRESENT',
        failed.migration_name,
        `Migration ${failed.migration_name} started but did not finish; resolve it (fix the database, then mark it rolled back) before migrating again.`,
      );
    }
    const applied = new Map(live.map((row) => [row.migration_name, row.checksum]));
    const report: MigrationReport = { applied: [], alreadyApplied: [], unknownApplied: [] };
    const localNames = new Set(migrations.map((m) => m.name));
    report.unknownApplied.push(...[...applied.keys()].filter((name) => !localNames.has(name)));

    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new MigrationError(
            'CHECKSUM_MISMATCH',
            migration.name,
            `Migration ${migration.name} was modified after it was applied (checksum ${checksum.slice(0, 12)}… in the database, ${migration.checksum.slice(0, 12)}… on disk). Applied migrations must never change; add a new migration instead.`,
          );
        }
        report.alreadyApplied.push(migration.name);
        continue;
      }
      await applyOne(conn, migration);
      report.applied.push(migration.name);
    }
    return report;
  } finally {
    await conn.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
  }
}

async function applyOne(conn: SqlConnection, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await conn.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)', [
    id,
    migration.checksum,
    migration.name,
  ]);
  try {
    // One transaction per script: a failing migration leaves no half-applied schema behind.
    await conn.exec(`BEGIN;\n${migration.sql}\n;COMMIT;`);
  } catch (error) {
    await conn.exec('ROLLBACK').catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    await conn.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [id, message]);
    throw new MigrationError('MIGRATION_FAILED', migration.name, `Migration ${migration.name} failed: ${message}`, { cause: error });
  }
  await conn.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
}

/** Applies this build's migrations (prisma/migrations) to `db` over a raw session of its own. */
export async function migrateDatabase(db: Database): Promise<MigrationReport> {
  const conn = await db.openSqlConnection();
  try {
    return await applyMigrations(conn, readMigrations());
  } finally {
    await conn.close();
  }
}
