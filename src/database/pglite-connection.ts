import type { PGlite } from '@electric-sql/pglite';
import type { SqlConnection } from './sql-connection';

/** Wraps an open PGlite instance; closing the connection leaves the instance to its owner. */
export function pgliteConnection(db: PGlite): SqlConnection {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<Row extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query<Row>(sql, [...params]);
      return result.rows;
    },
    async close() {},
  };
}
