import { Client } from 'pg';
import type { SqlConnection } from './sql-connection';

export async function openPgConnection(connectionString: string): Promise<SqlConnection> {
  const client = new Client({ connectionString, application_name: 'orgql-migrate' });
  // A connection dropped by the server surfaces on the next query; without a listener the
  // 'error' event would crash the process.
  client.on('error', () => undefined);
  await client.connect();
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async query(sql, params = []) {
      const result = await client.query(sql, [...params]);
      return result.rows;
    },
    async close() {
      await client.end();
    },
  };
}
