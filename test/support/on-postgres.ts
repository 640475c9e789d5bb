/**
 * Suites that need a PostgreSQL server: several gateways, roles or connections sharing one
 * database, or a database that can be cut off. The embedded PGlite default (no DATABASE_URL) is a
 * single in-process session and cannot host them; CI always sets DATABASE_URL, so they always run there.
 */
export const onPostgres = process.env.DATABASE_URL?.startsWith('postgres') === true;
export const describeOnPostgres = onPostgres ? describe : describe.skip;
export const itOnPostgres = onPostgres ? it : it.skip;
