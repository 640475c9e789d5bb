import type { PGlite } from '@electric-sql/pglite';
import type { SqlConnection } from './sql-connection';

/**
 * Wraps an open PGlite instance; closing the connection leaves the instance to its owner and calls
 * `onClose` (used to hand the session to the next waiter, see exclusiveSessions).
 */
export function pgliteConnection(db: PGlite, onClose: () => void = () => undefined): SqlConnection {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<Row extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query<Row>(sql, [...params]);
      return result.rows;
    },
    async close() {
      onClose();
    },
  };
}

/**
 * PGlite is one database session shared by the whole process, so a session-scoped advisory lock
 * does not keep two in-process callers apart (it is re-entrant). Raw sessions are therefore handed
 * out one at a time: the next opener waits until the previous connection is closed.
 */
export function exclusiveSessions(db: PGlite): () => Promise<SqlConnection> {
  let tail: Promise<void> = Promise.resolve();
  return () => {
    const previous = tail;
    let release!: () => void;
    tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    return previous.then(() => pgliteConnection(db, release));
  };
}
