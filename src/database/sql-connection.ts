/**
 * A single raw SQL session, used where Prisma cannot go: multi-statement migration scripts and
 * session-scoped advisory locks. Both PostgreSQL servers (node-postgres) and PGlite implement it.
 */
export interface SqlConnection {
  /** Runs one or more statements without parameters (a migration script). */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<Row extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}
