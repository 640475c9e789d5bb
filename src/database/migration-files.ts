import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface MigrationFile {
  /** The folder name, e.g. `20261126120000_audit_event`: Prisma's `migration_name`. */
  readonly name: string;
  readonly sql: string;
  /** SHA-256 of the file, hex, as Prisma stores it in `_prisma_migrations.checksum`. */
  readonly checksum: string;
}

/** prisma/migrations at the package root, both from src/ (tests) and dist/ (built). */
export const DEFAULT_MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', 'prisma', 'migrations');

export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

/** Reads Prisma's layout: one folder per migration holding `migration.sql`, in name order. */
export function readMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: migrationChecksum(sql) };
    });
}
