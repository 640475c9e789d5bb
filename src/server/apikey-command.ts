import type { Command } from 'commander';
import { ApiKeyNameTakenError } from '../auth/api-key-store';
import { PrismaApiKeyStore } from '../auth/prisma-api-key-store';
import { isRole, ROLES } from '../domain/identity';
import { ConfigError, type Config } from './config';
import { withMigratedDatabase } from './migrated-database';

/** `orgql apikey create|list|revoke`: key management on the gateway's database. */
export function registerApiKeyCommands(program: Command, loadConfig: () => Config): void {
  const apikey = program.command('apikey').description('Manage API keys (Authorization: Bearer <key>); only a hash of each key is stored');

  apikey
    .command('create')
    .description('Create a key and print it once')
    .requiredOption('--name <name>', 'a unique name for the key (who or what uses it)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .action(async (options: { name: string; role: string }) => {
      if (!isRole(options.role)) throw new ConfigError([`--role: must be one of ${ROLES.join(', ')} (got ${JSON.stringify(options.role)})`]);
      const name = options.name.trim();
      if (!/^[\w.@:-]{1,100}$/.test(name)) throw new ConfigError(['--name: 1-100 letters, digits or _ . @ : -']);
      const role = options.role;
      await withMigratedDatabase(loadConfig(), async (db) => {
        try {
          const { key, record } = await new PrismaApiKeyStore(db.prisma, 'cli').create(name, role);
          process.stdout.write(`Created API key "${record.name}" (${record.role}, id ${record.keyId}). It is shown only now:\n\n  ${key}\n\n`);
        } catch (error) {
          if (error instanceof ApiKeyNameTakenError) throw new ConfigError([`--name: ${error.message}`]);
          throw error;
        }
      });
    });

  apikey
    .command('list')
    .description('List keys (never their secrets)')
    .action(async () => {
      await withMigratedDatabase(loadConfig(), async (db) => {
        const keys = await new PrismaApiKeyStore(db.prisma).list();
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
      await withMigratedDatabase(loadConfig(), async (db) => {
        const revoked = await new PrismaApiKeyStore(db.prisma).revoke(name);
        if (!revoked) throw new ConfigError([`NAME: no active API key named "${name}"`]);
        process.stdout.write(`Revoked API key "${revoked.name}" (id ${revoked.keyId}).\n`);
      });
    });
}
