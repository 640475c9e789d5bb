import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/database/database';
import { migrationChecksum, readMigrations } from '../../src/database/migration-files';
import { applyMigrations, MigrationError } from '../../src/database/migrate';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'orgql-migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

async function migrate(db: Database, dir: string) {
  const conn = await db.openSqlConnection();
  try {
    return await applyMigrations(conn, readMigrations(dir));
  } finally {
    await conn.close();
  }
}

describe('the migration runner', () => {
  let testDb: TestDatabase;
  let db: Database;

  beforeEach(async () => {
    testDb = await createTestDatabase();
    db = await openDatabase(testDb.target);
  });
  afterEach(async () => {
    await db.close();
    await testDb.drop();
  });

  it('applies every migration of a fresh database in name order and records it as Prisma does', async () => {
    const dir = migrationsDir({
      '20260101000000_first': 'CREATE TABLE a (id INT PRIMARY KEY);',
      '20260102000000_second': 'ALTER TABLE a ADD COLUMN note TEXT;\nCREATE TABLE b (id INT);',
    });
    const report = await migrate(db, dir);
    expect(report.applied).toEqual(['20260101000000_first', '20260102000000_second']);
    const rows = await db.prisma.$queryRawUnsafe<Array<Record<string, unknown>>>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, logs FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      migration_name: '20260101000000_first',
      checksum: migrationChecksum('CREATE TABLE a (id INT PRIMARY KEY);'),
      rolled_back_at: null,
      applied_steps_count: 1,
      logs: null,
    });
    expect(rows[0]?.finished_at).toBeInstanceOf(Date);
    const columns = await db.prisma.$queryRawUnsafe<Array<{ column_name: string }>>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'a' ORDER BY ordinal_position",
    );
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'note']);
  });

  it('applies nothing the second time and reports what was already applied', async () => {
    const dir = migrationsDir({ '20260101000000_first': 'CREATE TABLE a (id INT);' });
    await migrate(db, dir);
    const second = await migrate(db, dir);
    expect(second).toEqual({ applied: [], alreadyApplied: ['20260101000000_first'], unknownApplied: [] });
  });

  it('applies only the migrations added since the last run', async () => {
    const files = { '20260101000000_first': 'CREATE TABLE a (id INT);' };
    await migrate(db, migrationsDir(files));
    const report = await migrate(db, migrationsDir({ ...files, '20260201000000_next': 'CREATE TABLE c (id INT);' }));
    expect(report.applied).toEqual(['20260201000000_next']);
    expect(report.alreadyApplied).toEqual(['20260101000000_first']);
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    await migrate(db, migrationsDir({ '20260101000000_first': 'CREATE TABLE a (id INT);' }));
    const edited = migrationsDir({
      '20260101000000_first': 'CREATE TABLE a (id BIGINT);',
      '20260201000000_next': 'CREATE TABLE c (id INT);',
    });
    const failure = await migrate(db, edited).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MigrationError);
    expect(failure).toMatchObject({ code: 'CHECKSUM_MISMATCH', migrationName: '20260101000000_first' });
    const tables = await db.prisma.$queryRawUnsafe<unknown[]>("SELECT 1 FROM information_schema.tables WHERE table_name = 'c'");
    expect(tables).toHaveLength(0);
  });

  it('leaves no partial schema when a migration fails, and refuses later runs until it is resolved', async () => {
    const dir = migrationsDir({ '20260101000000_broken': 'CREATE TABLE a (id INT);\nCREATE TABLE a (id INT);' });
    await expect(migrate(db, dir)).rejects.toMatchObject({ code: 'MIGRATION_FAILED' });
    const tables = await db.prisma.$queryRawUnsafe<unknown[]>("SELECT 1 FROM information_schema.tables WHERE table_name = 'a'");
    expect(tables).toHaveLength(0);
    await expect(migrate(db, dir)).rejects.toMatchObject({ code: 'FAILED_MIGRATION_PRESENT' });
  });

  it('lets two runners started together apply each migration exactly once', async () => {
    const dir = migrationsDir({
      '20260101000000_first': 'CREATE TABLE a (id INT);',
      '20260102000000_second': 'CREATE TABLE b (id INT);',
    });
    const [one, two] = await Promise.all([migrate(db, dir), migrate(db, dir)]);
    expect([...one.applied, ...two.applied].sort()).toEqual(['20260101000000_first', '20260102000000_second']);
    expect(one.applied.length === 0 || two.applied.length === 0).toBe(true);
    const count = await db.prisma.$queryRawUnsafe<Array<{ n: number }>>('SELECT count(*)::int AS n FROM "_prisma_migrations"');
    expect(count[0]?.n).toBe(2);
  });

  it("applies the project's own migrations to an empty database", async () => {
    const report = await migrate(db, path.resolve(__dirname, '..', '..', 'prisma', 'migrations'));
    expect(report.applied.length).toBeGreaterThan(0);
    expect(report.applied).toEqual(readMigrations().map((m) => m.name));
  });
});
