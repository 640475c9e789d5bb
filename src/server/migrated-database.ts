import { openDatabase, type Database } from '../database/database';
import { migrateDatabase, type MigrationReport } from '../database/migrate';
import type { Config } from './config';

/**
 * Applies pending migrations as the tables' owner: over ORGQL_MIGRATION_DATABASE_URL when it is set
 * (the gateway's own role may then neither create nor alter tables), else over the one database.
 * `db` is that database when it is the same one, so the embedded database is opened only once.
 */
export async function migrateConfigured(config: Config, db: Database): Promise<MigrationReport> {
  if (!config.migrationDatabase) return migrateDatabase(db);
  const owner = await openDatabase(config.migrationDatabase);
  try {
    return await migrateDatabase(owner);
  } finally {
    await owner.close();
  }
}

/** Opens the configured database, applies pending migrations (as the owner), runs `work`, and closes it. */
export async function withMigratedDatabase<T>(config: Config, work: (db: Database, report: MigrationReport) => Promise<T>): Promise<T> {
  const db = await openDatabase(config.database);
  try {
    return await work(db, await migrateConfigured(config, db));
  } finally {
    await db.close();
  }
}
