import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { AI_OPT_OUT_REPORT_PATH } from './ai-opt-out-report-route';
import type { PostureRow } from './ai-opt-out-report-rows';
import { type Config, ConfigError } from './config';
import { GatewayClient } from './gateway-client';
import { findRunningServer } from './running-server';

interface ReportFlags {
  readonly format: string;
  readonly under?: string;
  readonly services?: string;
  readonly expect?: string;
  readonly url?: string;
}

const TABLE_COLUMNS: readonly [keyof PostureRow, string][] = [
  ['accountId', 'ACCOUNT'],
  ['accountName', 'NAME'],
  ['service', 'SERVICE'],
  ['setting', 'SETTING'],
  ['source', 'SOURCE'],
  ['status', 'STATUS'],
  ['locked', 'LOCKED'],
  ['policyName', 'DECIDED BY'],
  ['nodeId', 'AT'],
];

/**
 * `orgql report ai-opt-out`: the posture report of a running gateway (the report reads its org
 * mirror), through GET /reports/ai-opt-out with the key in ORGQL_API_KEY (a viewer is enough).
 * csv and ndjson are the route's answer as it streams; table is read from ndjson and lined up.
 */
export function addReportCommands(program: Command, loadConfig: () => Config): void {
  const report = program.command('report').description('Reports of a running gateway');
  report
    .command('ai-opt-out')
    .description('AI services opt-out posture: one row per account and service (setting, source, status, lock, deciding policy)')
    .option('--format <format>', 'csv, ndjson or table', 'table')
    .option('--under <id>', 'a root, OU or account (default: the whole organization)')
    .option('--services <list>', 'comma-separated AI service keys (default: default, every known service and any a policy names)')
    .option('--expect <setting>', 'OPT_OUT or OPT_IN: adds a PASS/FAIL/UNKNOWN status')
    .option('--url <url>', 'the running gateway (env ORGQL_URL; default: the one on the embedded database, or http://ORGQL_HOST:ORGQL_PORT)')
    .action(async (flags: ReportFlags) => {
      if (!['csv', 'ndjson', 'table'].includes(flags.format))
        throw new ConfigError([`--format: must be csv, ndjson or table, got ${flags.format}`], 'Invalid option');
      const config = loadConfig();
      const client = new GatewayClient(await gatewayUrl(config, flags.url), config.cli.apiKey);
      const query = new URLSearchParams({ format: flags.format === 'table' ? 'ndjson' : flags.format });
      if (flags.under) query.set('under', flags.under);
      if (flags.services) query.set('services', flags.services);
      if (flags.expect) query.set('expect', flags.expect);
      const answer = await client.stream(`${AI_OPT_OUT_REPORT_PATH}?${query.toString()}`);
      if (flags.format !== 'table') {
        for await (const chunk of answer) process.stdout.write(chunk as Buffer);
        return;
      }
      const rows: PostureRow[] = [];
      for await (const line of createInterface({ input: answer })) if (line) rows.push(JSON.parse(line) as PostureRow);
      process.stdout.write(table(rows));
    });
}

async function gatewayUrl(config: Config, flag: string | undefined): Promise<string> {
  const announced = config.database.kind === 'pglite' ? await findRunningServer(config.database) : undefined;
  const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
  return flag ?? config.cli.url ?? announced ?? `http://${host}:${config.http.port}`;
}

function table(rows: readonly PostureRow[]): string {
  const cells = rows.map((row) => TABLE_COLUMNS.map(([key]) => (row[key] === null ? '-' : String(row[key]))));
  const widths = TABLE_COLUMNS.map(([, title], i) => Math.max(title.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: readonly string[]) =>
    `${values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()}\n`;
  return line(TABLE_COLUMNS.map(([, title]) => title)) + cells.map(line).join('');
}
