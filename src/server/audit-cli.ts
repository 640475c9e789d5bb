import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { exportRows } from '../audit/export-rows';
import { formatExport, type ExportFormat } from '../audit/export-format';
import { PrismaAuditLog } from '../audit/prisma-audit-log';
import { parseTime } from './audit-export-route';
import { withMigratedDatabase } from './migrated-database';
import { ConfigError, type Config } from './config';

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
  if (problems.length > 0) throw new ConfigError(problems);
  return { from: from as Date | undefined, to: to as Date | undefined };
}

/** `orgql audit verify` and `orgql audit export`, over the database the gateway uses. */
export function addAuditCommands(program: Command, loadConfig: () => Config): void {
  const audit = program.command('audit').description('Check and export the audit log (DATABASE_URL, or the embedded database in ORGQL_DATA_DIR)');

  audit
    .command('verify')
    .description(`Recompute the audit log's hash chain; exit 0 when intact, ${CHAIN_BROKEN_EXIT_CODE} with the first broken row otherwise`)
    .option('--from <time>', 'first event time to check (ISO 8601; default: the beginning)')
    .option('--to <time>', 'last event time to check (ISO 8601; default: the end)')
    .action(async (flags: RangeFlags) => {
      const { from, to } = range(flags);
      const report = await withMigratedDatabase(loadConfig(), (db) => new PrismaAuditLog(db.prisma).verifyChain(from, to));
      if (report.ok) {
        process.stdout.write(
          `OK: ${report.checkedRows} rows verified (sequence ${report.firstSequence ?? '-'} to ${report.lastSequence ?? '-'}), last hash ${report.lastHash ?? '-'}` +
            `${report.unchainedRows > 0 ? `; ${report.unchainedRows} rows predate the chain` : ''}\n`,
        );
        return;
      }
      const broken = report.brokenAt!;
      process.stdout.write(`BROKEN at sequence ${broken.sequence}${broken.eventId ? ` (event ${broken.eventId})` : ''}: ${broken.reason}: ${broken.message}\n`);
      process.exitCode = CHAIN_BROKEN_EXIT_CODE;
    });

  audit
    .command('export')
    .description('Write the audit log to stdout, oldest first, as NDJSON or CSV (streamed)')
    .option('--from <time>', 'first event time (ISO 8601)')
    .option('--to <time>', 'last event time (ISO 8601)')
    .option('--format <ndjson|csv>', 'output format (default ndjson)', 'ndjson')
    .action(async (flags: RangeFlags & { format: string }) => {
      const { from, to } = range(flags);
      if (flags.format !== 'ndjson' && flags.format !== 'csv') throw new ConfigError([`--format: must be ndjson or csv (got ${JSON.stringify(flags.format)})`]);
      const format: ExportFormat = flags.format;
      await withMigratedDatabase(loadConfig(), (db) => pipeline(Readable.from(formatExport(exportRows(db.prisma, from, to), format)), process.stdout, { end: false }));
    });
}
