import { openDatabase, type Database } from '../database/database';
import { readMigrations } from '../database/migration-files';
import { applyMigrations, type MigrationReport } from '../database/migrate';
import type { Config } from './config';

/** Opens the configured database, applies pending migrations, runs `work`, and closes it. */
export async function withMigratedDatabase<T>(config: Config, work: (db: Database, report: MigrationReport) => Promise<T>): Promise<T> {
  const db = await openDatabase(config.database);
  try {
    const conn = await db.openSqlConnection();
    let report: MigrationReport;
    try {
      report = await applyMigrations(conn, readMigrations());
    } finally {
      await conn.close();
    }
    return await work(db, report);
  } finally {
    await db.close();
  }
}
