import { openDatabase, type Database } from '../../src/database/database';
import { migrateDatabase } from '../../src/database/migrate';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

export interface AuditTestDb {
  readonly testDb: TestDatabase;
  readonly db: Database;
  /** Runs SQL as the table owner would, e.g. to disable the append-only triggers. */
  sql(statement: string): Promise<void>;
  close(): Promise<void>;
}

/** A fresh, migrated database (PostgreSQL when DATABASE_URL is set, PGlite otherwise). */
export async function openAuditTestDb(): Promise<AuditTestDb> {
  const testDb = await createTestDatabase();
  const db = await openDatabase(testDb.target);
  await migrateDatabase(db);
  return {
    testDb,
    db,
    sql: async (statement) => {
      await db.prisma.$executeRawUnsafe(statement);
    },
    close: async () => {
      await db.close();
      await testDb.drop();
    },
  };
}

export const anIntent = (operation = 'enablePolicyType', extra: Record<string, unknown> = {}) => ({
  actor: { id: 'alice', type: 'API_KEY' as const, displayName: 'Alice', authMethod: 'api-key' },
  requestId: 'req-1',
  clientIp: '10.0.0.7',
  userAgent: 'jest',
  operation,
  upstreamAction: operation.charAt(0).toUpperCase() + operation.slice(1),
  targetType: 'ROOT' as const,
  targetId: 'r-abcd',
  arguments: { rootId: 'r-abcd', type: 'TAG_POLICY' },
  ...extra,
});
