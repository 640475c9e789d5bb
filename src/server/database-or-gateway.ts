import { userInfo } from 'node:os';
import type { KeyChangeOrigin } from '../domain/api-key-admin';
import type { Database } from '../database/database';
import type { Config } from './config';
import { GatewayClient } from './gateway-client';
import { withMigratedDatabase } from './migrated-database';
import { findRunningServer } from './running-server';

/**
 * Where a CLI command does its work: the database itself, or, when a running gateway holds the
 * embedded database (PGlite admits one process), that gateway over HTTP. PostgreSQL is always
 * opened directly: it serves many processes at once.
 */
export async function withDatabaseOrGateway<T>(
  config: Config,
  work: { readonly local: (db: Database) => Promise<T>; readonly remote: (gateway: GatewayClient) => Promise<T> },
): Promise<T> {
  const running = await findRunningServer(config.database);
  if (running) return work.remote(new GatewayClient(running, config.cli.apiKey));
  return withMigratedDatabase(config, (db) => work.local(db));
}

/** How the audit log records a change made by the CLI on the database directly. */
export function cliOrigin(): KeyChangeOrigin {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (e.g. an arbitrary uid in a container): the change is still recorded.
  }
  return { actor: { id: `cli:${user}`, type: 'SYSTEM', displayName: `orgql CLI (${user})`, authMethod: 'local' }, requestId: undefined };
}
