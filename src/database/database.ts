import { mkdirSync } from 'node:fs';
import { PrismaPg } from '@prisma/adapter-pg';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client';
import { holdDataDirLock, type DataDirLock } from './data-dir-lock';
import { openPgConnection } from './pg-connection';
import { listenOn } from './pg-listener';
import { exclusiveSessions } from './pglite-connection';
import type { SqlConnection } from './sql-connection';

export type DatabaseTarget = { readonly kind: 'postgres'; readonly url: string } | { readonly kind: 'pglite'; readonly dataDir: string };

/** orgql's handle on its database: Prisma for data, a raw session for migrations and locks. */
export interface Database {
  readonly target: DatabaseTarget;
  readonly prisma: PrismaClient;
  /** Opens a raw SQL session: a new connection for PostgreSQL; for PGlite, exclusive use of its one session. */
  openSqlConnection(): Promise<SqlConnection>;
  /** Answers when the database accepts a query; rejects otherwise. */
  ping(): Promise<void>;
  /**
   * LISTEN on a channel: every NOTIFY on it, from any process (PostgreSQL) or from this one (PGlite,
   * where the only writer is this process), calls `onPayload`.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<{ close(): Promise<void> }>;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'postgres' ? openPostgres(target) : openPglite(target);
}

function openPostgres(target: Extract<DatabaseTarget, { kind: 'postgres' }>): Database {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url }) });
  return {
    target,
    prisma,
    openSqlConnection: () => openPgConnection(target.url),
    listen: (channel, onPayload) => listenOn(target.url, channel, onPayload),
    ping: async () => {
      await prisma.$queryRaw`SELECT 1`;
    },
    close: () => prisma.$disconnect(),
  };
}

async function openPglite(target: Extract<DatabaseTarget, { kind: 'pglite' }>): Promise<Database> {
  mkdirSync(target.dataDir, { recursive: true });
  // PGlite is single-process: a second process on the same directory would corrupt it.
  const lock: DataDirLock = holdDataDirLock(target.dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create(target.dataDir);
  } catch (error) {
    lock.release();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    target,
    prisma,
    openSqlConnection: exclusiveSessions(db),
    listen: async (channel, onPayload) => {
      const unlisten = await db.listen(channel, onPayload);
      // After the database is closed there is nothing left to stop listening to.
      return { close: () => (db.closed ? Promise.resolve() : unlisten()) };
    },
    ping: async () => {
      await db.query('SELECT 1');
    },
    close: async () => {
      await prisma.$disconnect();
      await db.close();
      lock.release();
    },
  };
}
