import { isIP } from 'node:net';
import { ApiKeyNameTakenError, type ApiKeyStore } from '../auth/api-key-store';
import { ConfigError } from './config';

export const BOOTSTRAP_KEY_NAME = 'bootstrap-admin';

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/**
 * Keeps the one-command start: when no API key exists and JWT is not configured, an admin key is
 * made so the first user can get in. It is only done on a loopback address, where nobody else
 * can reach the gateway before its owner has the key.
 *
 * Two steps, so that a start that fails (a busy port) makes no key that nobody ever saw: this one,
 * before listening, decides and refuses a public address; createBootstrapKey, once listening, makes it.
 */
export async function bootstrapKeyWanted(options: { store: ApiKeyStore; enabled: boolean; jwtConfigured: boolean; host: string }): Promise<boolean> {
  if (!options.enabled || options.jwtConfigured || (await options.store.countActive()) > 0) return false;
  if (!isLoopback(options.host)) {
    throw new ConfigError(
      [
        `ORGQL_HOST: no active API key exists, so orgql only starts on a loopback address (got ${options.host}); create one first with \`orgql apikey create --name NAME --role admin\`, or configure JWT`,
      ],
      'Refusing to start',
    );
  }
  return true;
}

/** Makes the bootstrap admin key; returns it to print, once (undefined if another process made it). */
export async function createBootstrapKey(store: ApiKeyStore): Promise<string | undefined> {
  if ((await store.countActive()) > 0) return undefined;
  try {
    return (await store.create(BOOTSTRAP_KEY_NAME, 'admin')).key;
  } catch (error) {
    // Another process starting at the same moment made it: that process prints the key.
    if (error instanceof ApiKeyNameTakenError) return undefined;
    throw error;
  }
}

export function bootstrapBanner(key: string, graphqlUrl: string): string {
  return [
    '',
    'No API key existed, so orgql created an admin key. It is shown only now; keep it safe:',
    '',
    `  ${key}`,
    '',
    'Try it:',
    '',
    `  curl -s ${graphqlUrl} -H 'content-type: application/json' \\`,
    `    -H 'authorization: Bearer ${key}' \\`,
    `    -d '{"query":"{ organization { id roots { id name } } }"}'`,
    '',
    'Manage keys with `node bin/orgql.js apikey create|list|revoke` (see README, "Authentication").',
    '',
  ].join('\n');
}
