import type { PrismaClient } from '../generated/prisma/client';

/**
 * Puts every commit made so far on disk. Audit appends commit without waiting for the WAL flush
 * (audit_append, migration 20261201110000), so the chain head lock is never held over an fsync; a
 * caller that must not lose its row (an intent before the upstream call, a checkpoint before it is
 * signed) calls this after its append.
 *
 * A commit waits for the flush only if its transaction holds a transaction id AND wrote WAL
 * (RecordTransactionCommit in PostgreSQL's xact.c): a transaction that merely takes an id, as
 * `SELECT pg_current_xact_id()` does, commits without flushing, which left an intent in the WAL
 * buffers (lost in a crash of PostgreSQL, and on the embedded PGlite, which has no WAL writer, lost
 * when the process dies). A transactional logical-decoding message takes an id and writes one small
 * WAL record, so its commit flushes the WAL up to itself, and with it every commit before it. It
 * needs no privilege, no table and works at any wal_level (https://www.postgresql.org/docs/current/functions-admin.html,
 * pg_logical_emit_message). Concurrent callers share one flush (group commit).
 */
export async function flushWal(prisma: PrismaClient): Promise<void> {
  await prisma.$queryRaw`SELECT pg_logical_emit_message(true, 'orgql.audit.flush', '')::text AS lsn`;
}
