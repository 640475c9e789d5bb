import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { exportRows } from '../audit/export-rows';
import { formatExport, type ExportFormat } from '../audit/export-format';
import { PrismaAuditLog } from '../audit/prisma-audit-log';
import { hasCheckpoints, loadSigningKey, loadVerifyingKey, takeCheckpoint, verifyCheckpoints, type CheckpointReport } from '../audit/checkpoints';
import type { ChainVerification } from '../domain/audit-log';
import type { PrismaClient } from '../generated/prisma/client';
import { AUDIT_CHECKPOINT_PATH } from './audit-checkpoint-route';
import { AUDIT_EXPORT_PATH, parseTime } from './audit-export-route';
import { ConfigError, type Config } from './config';
import { withDatabaseOrGateway } from './database-or-gateway';
import type { GatewayClient } from './gateway-client';

/** Exit code of `orgql audit verify` when the chain is broken (0 ok, 1 failure, 2 usage). */
export const CHAIN_BROKEN_EXIT_CODE = 3;

interface RangeFlags {
  readonly from?: string;
  readonly to?: string;
}

function range(flags: RangeFlags): { from: Date | undefined; to: Date | undefined } {
  const from = parseTime(flags.from, '--from');
  const to = parseTime(flags.to, '--to');
  const problems = [from, to].filter((v): v is Error => v instanceof Error).map((e) => e.message);
  if (problems.length > 0) throw new ConfigError(problems, 'Invalid option');
  return { from: from as Date | undefined, to: to as Date | undefined };
}

/** `orgql audit verify`, `audit checkpoint` and `audit export`, over the database the gateway uses. */
export function addAuditCommands(program: Command, loadConfig: () => Config): void {
  const audit = program.command('audit').description('Check and export the audit log (DATABASE_URL, or the embedded database in ORGQL_DATA_DIR)');

  audit
    .command('verify')
    .description(
      `Recompute the audit log's hash chain and hold it to every signed checkpoint (ORGQL_AUDIT_CHECKPOINT_DIR); exit 0 when intact, ${CHAIN_BROKEN_EXIT_CODE} with the first broken row or failed checkpoint otherwise`,
    )
    .option('--from <time>', 'first event time to check (ISO 8601; default: the beginning)')
    .option('--to <time>', 'last event time to check (ISO 8601; default: the end)')
    .action(async (flags: RangeFlags) => {
      const { from, to } = range(flags);
      const config = loadConfig();
      const [report, checkpoints] = await withDatabaseOrGateway<[ChainVerification, CheckpointReport | Error | null | 'remote']>(config, {
        local: async (db) => [await new PrismaAuditLog(db.prisma).verifyChain(from, to), await checkCheckpoints(db.prisma, config)],
        // The checkpoints are held against the database's rows, which only the gateway can read now: it checks them.
        remote: (gateway) => verifyThrough(gateway, from, to),
      });
      if (report.ok) {
        process.stdout.write(
          `OK: ${report.checkedRows} rows verified (sequence ${report.firstSequence ?? '-'} to ${report.lastSequence ?? '-'}), last hash ${report.lastHash ?? '-'}` +
            `${report.unchainedRows > 0 ? `; ${report.unchainedRows} rows predate the chain` : ''}\n`,
        );
      } else {
        const broken = report.brokenAt!;
        process.stdout.write(
          `BROKEN at sequence ${broken.sequence}${broken.eventId ? ` (event ${broken.eventId})` : ''}: ${broken.reason}: ${broken.message}\n`,
        );
      }
      // A chain that verifies on its own may still have been rewritten whole: the checkpoints say.
      const checkpointsHold = printCheckpoints(checkpoints);
      if (!report.ok || !checkpointsHold) process.exitCode = CHAIN_BROKEN_EXIT_CODE;
    });

  audit
    .command('checkpoint')
    .description('Sign the chain head (sequence, hash, time) with ORGQL_AUDIT_SIGNING_KEY and write it to ORGQL_AUDIT_CHECKPOINT_DIR, outside the database')
    .action(async () => {
      const config = loadConfig();
      const { dir, signingKeyPath, createKeyIfMissing } = config.audit.checkpoints;
      const taken = await withDatabaseOrGateway(config, {
        local: async (db) => {
          const { checkpoint, file } = await takeCheckpoint(db.prisma, dir, loadSigningKey(signingKeyPath, { createIfMissing: createKeyIfMissing }));
          return { sequence: checkpoint.sequence, hash: checkpoint.hash, file };
        },
        // The gateway holds the embedded database: it signs with its own key into its own directory.
        remote: async (gateway) => {
          const answer = await gateway.post<{ sequence: string; hash: string; file: string | null }>(AUDIT_CHECKPOINT_PATH);
          return { ...answer, file: answer.file && `the gateway's checkpoint directory (${answer.file})` };
        },
      });
      process.stdout.write(
        `checkpoint: sequence ${taken.sequence}, hash ${taken.hash}, ${taken.file ? `written to ${taken.file}` : 'already signed (no row since the newest checkpoint)'}\n`,
      );
    });

  audit
    .command('export')
    .description('Write the audit log to stdout, oldest first, as NDJSON or CSV (streamed)')
    .option('--from <time>', 'first event time (ISO 8601)')
    .option('--to <time>', 'last event time (ISO 8601)')
    .option('--format <ndjson|csv>', 'output format (default ndjson)', 'ndjson')
    .action(async (flags: RangeFlags & { format: string }) => {
      const { from, to } = range(flags);
      if (flags.format !== 'ndjson' && flags.format !== 'csv')
        throw new ConfigError([`--format: must be ndjson or csv (got ${JSON.stringify(flags.format)})`], 'Invalid option');
      const format: ExportFormat = flags.format;
      await withDatabaseOrGateway(loadConfig(), {
        local: (db) => pipeline(Readable.from(formatExport(exportRows(db.prisma, from, to), format)), process.stdout, { end: false }),
        remote: async (gateway) => {
          const query = new URLSearchParams({ format, ...(from ? { from: from.toISOString() } : {}), ...(to ? { to: to.toISOString() } : {}) });
          await pipeline(await gateway.stream(`${AUDIT_EXPORT_PATH}?${query.toString()}`), process.stdout, { end: false });
        },
      });
    });
}

/** The checkpoints, when there are any: they need the key (its public half is enough). */
async function checkCheckpoints(prisma: PrismaClient, config: Config): Promise<CheckpointReport | Error | null> {
  const { dir, signingKeyPath } = config.audit.checkpoints;
  if (!hasCheckpoints(dir)) return null;
  let key;
  try {
    key = loadVerifyingKey(signingKeyPath);
  } catch (error) {
    return error as Error;
  }
  return verifyCheckpoints(prisma, dir, key);
}

/** Prints what the checkpoints say; false when they fail (or cannot be checked). */
function printCheckpoints(report: CheckpointReport | Error | null | 'remote'): boolean {
  if (report === 'remote') {
    process.stdout.write('checkpoints: not checked through the running gateway (stop it, or use PostgreSQL, to check them)\n');
    return true;
  }
  if (report === null) {
    process.stdout.write('checkpoints: none yet (orgql audit checkpoint)\n');
    return true;
  }
  if (report instanceof Error) {
    process.stdout.write(`CHECKPOINTS NOT CHECKED: ${report.message}\n`);
    return false;
  }
  for (const problem of report.problems) process.stdout.write(`CHECKPOINT FAILED ${problem.file}: ${problem.reason}: ${problem.message}\n`);
  const newest = report.newest ? ` (newest: sequence ${report.newest.sequence}, signed ${report.newest.signedAt})` : '';
  process.stdout.write(`checkpoints: ${report.matched} match${newest}, ${report.problems.length} failed\n`);
  return report.ok;
}

/**
 * verifyAuditChain through the running gateway (the same report as PrismaAuditLog.verifyChain), and
 * the gateway's check of the checkpoints in its own checkpoint directory.
 */
async function verifyThrough(
  gateway: GatewayClient,
  from: Date | undefined,
  to: Date | undefined,
): Promise<[ChainVerification, CheckpointReport | Error | null | 'remote']> {
  const data = await gateway.graphql<{ verifyAuditChain: ChainVerification }>(
    `query OrgqlCliVerify($from: DateTime, $to: DateTime) {
      verifyAuditChain(from: $from, to: $to) {
        ok checkedRows firstSequence lastSequence unchainedRows lastHash brokenAt { sequence eventId reason message }
        checkpoints { ok matched newestSequence newestSignedAt problems { file sequence reason message } }
      }
    }`,
    { from: from?.toISOString(), to: to?.toISOString() },
  );
  const { checkpoints, ...chain } = data.verifyAuditChain;
  // The gateway's ok covers the checkpoints too; the chain's own verdict is its broken row.
  const report: ChainVerification = { ...chain, ok: chain.brokenAt === null };
  if (checkpoints === undefined) return [report, 'remote'];
  if (checkpoints === null) return [report, null];
  const keyProblem = checkpoints.problems.find((p) => p.reason === 'KEY_UNAVAILABLE');
  if (keyProblem) return [report, new Error(keyProblem.message)];
  return [
    report,
    {
      ok: checkpoints.ok,
      matched: checkpoints.matched,
      newest: checkpoints.newestSequence ? { sequence: checkpoints.newestSequence, signedAt: checkpoints.newestSignedAt ?? '-' } : null,
      problems: checkpoints.problems.map((p) => ({ ...p, file: p.file ?? '-', reason: p.reason as CheckpointReport['problems'][number]['reason'] })),
    },
  ];
}
