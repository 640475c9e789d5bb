import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import type { Logger } from 'pino';
import { addAuditCommands } from './audit-cli';
import { addMirrorCommands } from './mirror-cli';
import { addReportCommands } from './report-cli';
import { ConfigError, parseConfig, type Config, type Flags } from './config';
import { collect, parseEmulatorFlags, type EmulatorFlags } from './emulator-config';
import { createEventDelivery } from './event-delivery';
import { registerApiKeyCommands } from './apikey-command';
import { bootstrapBanner } from './bootstrap-key';
import { emulatorBanner } from './emulator-banner';
import { startGateway } from './gateway';
import { withMigratedDatabase } from './migrated-database';
import { createLogger } from './logger';
import { EmulatorStateFileError } from './emulator-state-file';
import { startSeededEmulator } from './seeded-emulator';
import { explainListenFailure } from './startup-errors';

/** The `orgql` command. Exit codes: 0 ok, 1 runtime failure, 2 bad configuration or usage. */
export function buildCli(): Command {
  const program = new Command('orgql')
    .description('orgql: a GraphQL gateway for AWS Organizations, with an audit log and a local Organizations emulator')
    .version(packageVersion(), '-V, --version', 'print the version of orgql')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description('Run the GraphQL gateway (POST /graphql, GET /healthz, GET /readyz, landing page at /)')
    .option('--port <n>', 'port to listen on (env ORGQL_PORT, default 4000; 0 picks a free port)')
    .option('--host <h>', 'address to listen on (env ORGQL_HOST, default 127.0.0.1)')
    .addHelpText('after', '\nConfiguration comes from environment variables; see README.md, "Configuration".')
    .action(async (flags: Flags) => {
      const config = loadConfig(flags);
      const logger = createLogger(config.log);
      const shutdown = handleTerminationSignals(logger);
      const gateway = await startGateway(config, logger);
      shutdown.closeWith(() => gateway.close());
      // The key goes to the terminal (stderr), never into the logs.
      if (gateway.bootstrapAdminKey) process.stderr.write(bootstrapBanner(gateway.bootstrapAdminKey, gateway.graphqlUrl));
      if (gateway.emulatorUrl) process.stderr.write(emulatorBanner(gateway.emulatorUrl));
      logger.info({ url: gateway.url, graphql: gateway.graphqlUrl }, `orgql is ready: open ${gateway.url} (GraphQL at ${gateway.graphqlUrl})`);
    });

  program
    .command('emulator')
    .description('Run the local AWS Organizations emulator (AWS JSON 1.1 protocol; works with the AWS CLI and SDKs)')
    .option('--port <n>', 'port to listen on (default 4566)')
    .option('--host <h>', 'address to listen on (default 127.0.0.1)')
    .option('--seed <demo|empty|FILE>', 'initial organization: demo, empty (default: a fresh organization), or a seed file')
    .option('--latency-ms <n>', 'delay added to every call (default 0)')
    .option('--throttle', "answer TooManyRequestsException beyond AWS's documented per-API rates")
    .option('--fail-rate <p>', 'probability (0-1) of a random ServiceException (HTTP 500)')
    .option(
      '--events-to <url>',
      'POST an EventBridge event (CloudTrail record) here after every successful change, e.g. http://127.0.0.1:4000/events/organizations',
    )
    .option('--events-header <header>', "header sent with each event, e.g. 'authorization: Bearer <events key>' (repeatable)", collect)
    .option('--state <FILE>', 'save the organization in FILE after each change and restore it from there at start (--seed then applies only to a new file)')
    .option('--reset', 'with --state: start over from the seed, replacing what FILE holds')
    .action(async (flags: EmulatorFlags) => {
      const options = parseEmulatorFlags(flags);
      const logger = createLogger(loadConfig({}).log);
      const shutdown = handleTerminationSignals(logger);
      const delivery = options.eventsTo
        ? createEventDelivery({ url: options.eventsTo, headers: options.eventsHeaders, logger: logger.child({ component: 'event-delivery' }) })
        : undefined;
      const emulator = await startSeededEmulator({ ...options, logger, onEvent: delivery?.send }).catch(async (error: unknown) => {
        await delivery?.close();
        const explained = explainListenFailure(error, '--port', options.host, options.port);
        if (explained !== error) throw explained;
        // The state file's own problems name the file (exit 2 too), not --seed.
        if (error instanceof EmulatorStateFileError) throw error;
        throw new ConfigError([`--seed: ${error instanceof Error ? error.message : String(error)}`], 'Invalid option');
      });
      shutdown.closeWith(async () => {
        await emulator.close();
        await delivery?.close();
      });
      logger.info(
        { url: emulator.url, seed: options.seed, eventsTo: options.eventsTo, statePath: options.statePath, origin: emulator.origin },
        `Organizations emulator listening at ${emulator.url}; try: AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test /usr/bin/aws organizations list-roots --region us-east-1 --endpoint-url ${emulator.url}`,
      );
    });

  program
    .command('migrate')
    .description('Apply pending database migrations (DATABASE_URL, or the embedded database in ORGQL_DATA_DIR) and report them')
    .action(async () => {
      await withMigratedDatabase(loadConfig({}), async (_db, report) => {
        for (const name of report.applied) process.stdout.write(`applied  ${name}\n`);
        for (const name of report.unknownApplied) process.stdout.write(`warning  ${name} is in the database but not in this build\n`);
        process.stdout.write(`${report.applied.length} applied, ${report.alreadyApplied.length} already applied\n`);
      });
    });
  registerApiKeyCommands(program, () => loadConfig({}));
  addAuditCommands(program, () => loadConfig({}));
  addMirrorCommands(program, () => loadConfig({}));
  addReportCommands(program, () => loadConfig({}));
  return program;
}

/** The version in package.json (two levels above dist/server/), as npm and the Docker image ship it. */
function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function loadConfig(flags: Flags): Config {
  return parseConfig({ env: process.env, flags, isTTY: Boolean(process.stdout.isTTY) });
}

/**
 * SIGINT/SIGTERM close what the command opened, in order, then exit 0. Handlers are installed
 * before start-up so that a signal during start-up also ends in a clean close (not a kill that
 * could leave the embedded database's lock behind).
 */
function handleTerminationSignals(logger: Logger): { closeWith(close: () => Promise<void>): void } {
  let close: (() => Promise<void>) | undefined;
  let requested: NodeJS.Signals | undefined;
  const run = () => {
    logger.info({ signal: requested }, 'shutting down');
    (close ?? (async () => undefined))().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (requested) return;
    requested = signal;
    if (close) run();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    closeWith(fn) {
      close = fn;
      if (requested) run();
    },
  };
}

function isClosedPipe(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === 'EPIPE';
}

export async function main(argv: readonly string[]): Promise<void> {
  // A closed stdout (a pipe into `head`) is not a crash: stop writing and end quietly.
  process.stdout.on('error', (error) => {
    if (!isClosedPipe(error)) throw error;
    process.stdout.destroy();
  });
  const program = buildCli();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    const commanderError = error as { code?: string; exitCode?: number };
    if (typeof commanderError.code === 'string' && commanderError.code.startsWith('commander.')) {
      process.exitCode = commanderError.exitCode === 0 ? 0 : 2;
      return;
    }
    if (error instanceof EmulatorStateFileError) {
      process.stderr.write(`orgql: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`orgql: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (isClosedPipe(error)) {
      // `orgql audit export | head -1`: the reader has all it wanted; that is a success.
      process.exitCode = 0;
      return;
    }
    process.stderr.write(`orgql: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
