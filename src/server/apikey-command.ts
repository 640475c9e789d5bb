import type { Command } from 'commander';
import { PrismaAuditRecorder } from '../audit/prisma-audit-recorder';
import { AuditedApiKeyAdmin } from '../auth/audited-api-key-admin';
import { PrismaApiKeyStore } from '../auth/prisma-api-key-store';
import type { ApiKeyAdmin } from '../domain/api-key-admin';
import { isOrgqlError } from '../domain/errors';
import { isRole, ROLES } from '../domain/identity';
import { ConfigError, type Config } from './config';
import { cliOrigin, withDatabaseOrGateway } from './database-or-gateway';
import { GatewayAnswerError } from './gateway-client';
import { createLogger } from './logger';
import { RemoteApiKeyAdmin } from './remote-api-key-admin';

/**
 * Runs `work` with key management on the gateway's database, or through the running gateway that
 * holds the embedded database. Either way each change is audited.
 */
function withKeyAdmin<T>(config: Config, work: (admin: ApiKeyAdmin) => Promise<T>): Promise<T> {
  return withDatabaseOrGateway(config, {
    local: (db) => work(new AuditedApiKeyAdmin(new PrismaApiKeyStore(db.prisma, 'cli'), new PrismaAuditRecorder(db.prisma), createLogger(config.log))),
    remote: (gateway) => work(new RemoteApiKeyAdmin(gateway)),
  });
}

/** An expected refusal (a taken or unknown name) is a usage error: exit 2 with the flag it concerns. */
function asUsageError(error: unknown, flag: string): unknown {
  const code = isOrgqlError(error) || error instanceof GatewayAnswerError ? error.code : undefined;
  const label = code === 'DUPLICATE' ? 'API key not created' : code === 'NOT_FOUND' ? 'Not found' : 'Invalid option';
  if (code === 'DUPLICATE' || code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') return new ConfigError([`${flag}: ${(error as Error).message}`], label);
  return error;
}

/** `orgql apikey create|list|revoke`: key management on the gateway's database. */
export function registerApiKeyCommands(program: Command, loadConfig: () => Config): void {
  const apikey = program
    .command('apikey')
    .description(
      'Manage API keys (Authorization: Bearer <key>); only a hash of each key is stored. While `orgql serve` holds the embedded database, set ORGQL_API_KEY to an admin key',
    );

  apikey
    .command('create')
    .description('Create a key and print it once')
    .requiredOption('--name <name>', 'a unique name for the key (who or what uses it)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .action(async (options: { name: string; role: string }) => {
      if (!isRole(options.role)) throw new ConfigError([`--role: must be one of ${ROLES.join(', ')} (got ${JSON.stringify(options.role)})`], 'Invalid option');
      const name = options.name.trim();
      if (!/^[\w.@:-]{1,100}$/.test(name)) throw new ConfigError(['--name: 1-100 letters, digits or _ . @ : -'], 'Invalid option');
      const role = options.role;
      await withKeyAdmin(loadConfig(), async (admin) => {
        const { key, record } = await admin.create(name, role, cliOrigin()).catch((error: unknown) => Promise.reject(asUsageError(error, '--name')));
        process.stdout.write(`Created API key "${record.name}" (${record.role}, id ${record.keyId}). It is shown only now:\n\n  ${key}\n\n`);
      });
    });

  apikey
    .command('list')
    .description('List keys (never their secrets)')
    .action(async () => {
      await withKeyAdmin(loadConfig(), async (admin) => {
        const keys = await admin.list();
        process.stdout.write(`${['NAME', 'ROLE', 'KEY ID', 'CREATED', 'STATUS'].join('\t')}\n`);
        for (const k of keys) {
          const status = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
          process.stdout.write(`${[k.name, k.role, k.keyId, k.createdAt.toISOString(), status].join('\t')}\n`);
        }
      });
    });

  apikey
    .command('revoke')
    .description('Revoke the active key with this name (takes effect on the next request)')
    .argument('<name>')
    .action(async (name: string) => {
      await withKeyAdmin(loadConfig(), async (admin) => {
        const { record } = await admin.revoke(name, cliOrigin()).catch((error: unknown) => {
          const code = isOrgqlError(error) || error instanceof GatewayAnswerError ? error.code : undefined;
          return Promise.reject(code === 'NOT_FOUND' ? new ConfigError([`NAME: no active API key named "${name}"`], 'Nothing revoked') : error);
        });
        process.stdout.write(`Revoked API key "${record.name}" (id ${record.keyId}).\n`);
      });
    });
}
