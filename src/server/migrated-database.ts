import { openDatabase, type Database } from '../database/database';
import { migrateDatabase, type MigrationReport } from '../database/migrate';
import type { Config } from './config';

/** Opens the configured database, applies pending migrations, runs `work`, and closes it. */
export async function withMigratedDatabase<T>(config: Config, work: (db: Database, report: MigrationReport) => Promise<T>): Promise<T> {
  const db = await openDatabase(config.database);
  try {
    return await work(db, await migrateDatabase(db));
  } finally {
    await db.close();
  }
}
