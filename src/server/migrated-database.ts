import { openDatabase, type Database } from '../database/database';
import { migrateDatabase, type MigrationReport } from '../database/migrate';
import type { Config } from './config';
import { explainDatabaseFailure } from './startup-errors';

/**
 * Applies pending migrations as the tables' owner: over ORGQL_MIGRATION_DATABASE_URL when it is set
 * (the gateway's own role may then neither create nor alter tables), else over the one database.
 * `db` is that database when it is the same one, so the embedded database is opened only once.
 */
export async function migrateConfigured(config: Config, db: Database): Promise<MigrationReport> {
  if (!config.migrationDatabase) {
    return migrateDatabase(db).catch((error: unknown) => {
      throw explainDatabaseFailure(error, config.database);
    });
  }
  const owner = await openDatabase(config.migrationDatabase);
  try {
    return await migrateDatabase(owner).catch((error: unknown) => {
      throw explainDatabaseFailure(error, owner.target, 'ORGQL_MIGRATION_DATABASE_URL');
    });
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
