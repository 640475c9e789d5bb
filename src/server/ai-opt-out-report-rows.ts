import { csvField } from '../audit/export-format';
import type { AccountPosture, AiOptOutPostureReport, ServicePosture } from '../domain/ai-opt-out';

export type ReportFormat = 'csv' | 'ndjson';

export const REPORT_CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/** One account and one service: the report's flat row (CSV columns, NDJSON keys), null where nothing applies. */
export interface PostureRow {
  readonly accountId: string;
  readonly accountName: string;
  readonly service: string;
  readonly setting: string | null;
  readonly status: string | null;
  readonly source: string | null;
  readonly policyId: string | null;
  readonly policyName: string | null;
  readonly nodeId: string | null;
  readonly operator: string | null;
  readonly locked: boolean;
  readonly lockedByPolicyId: string | null;
  readonly lockedAtNodeId: string | null;
  readonly unknownReason: string | null;
}

export const POSTURE_COLUMNS: readonly (keyof PostureRow)[] = [
  'accountId',
  'accountName',
  'service',
  'setting',
  'status',
  'source',
  'policyId',
  'policyName',
  'nodeId',
  'operator',
  'locked',
  'lockedByPolicyId',
  'lockedAtNodeId',
  'unknownReason',
];

/** One account and one service as a flat row. */
export function postureRow(account: AccountPosture, cell: ServicePosture): PostureRow {
  return {
    accountId: account.accountId,
    accountName: account.accountName,
    service: cell.service,
    setting: cell.setting,
    status: cell.status,
    source: cell.source,
    policyId: cell.decidedBy?.policyId ?? null,
    policyName: cell.decidedBy?.policyName ?? null,
    nodeId: cell.decidedBy?.nodeId ?? null,
    operator: cell.decidedBy?.operator ?? null,
    locked: cell.locked,
    lockedByPolicyId: cell.lockedBy?.policyId ?? null,
    lockedAtNodeId: cell.lockedBy?.nodeId ?? null,
    unknownReason: cell.unknownReason ?? null,
  };
}

// Everything after the two account columns depends on the cell only.
const CELL_COLUMNS = POSTURE_COLUMNS.slice(2);

/**
 * The report as text chunks, in tree order, accounts by services: CSV opens with its header row;
 * NDJSON is one object per line. CSV cells go through the audit export's csvField: RFC 4180
 * quoting, and names that start like a formula are kept as text
 * (OWASP, https://owasp.org/www-community/attacks/CSV_Injection). Accounts that share a row of
 * cells (see aiOptOutPosture) share its text too, and rows go out a few hundred at a time.
 */
export function* formatPosture(report: AiOptOutPostureReport, format: ReportFormat): Generator<string> {
  if (format === 'csv') yield `${POSTURE_COLUMNS.join(',')}\r\n`;
  const tails = new WeakMap<readonly ServicePosture[], string[]>();
  const tailOf = (account: AccountPosture, cell: ServicePosture): string => {
    const row = postureRow(account, cell);
    if (format === 'csv') return `${CELL_COLUMNS.map((c) => csvField(row[c])).join(',')}\r\n`;
    const { accountId: _id, accountName: _name, ...rest } = row;
    return `${JSON.stringify(rest).slice(1)}\n`;
  };
  let chunk = '';
  let rows = 0;
  for (const account of report.accounts) {
    let tail = tails.get(account.services);
    if (!tail) tails.set(account.services, (tail = account.services.map((cell) => tailOf(account, cell))));
    const head =
      format === 'csv'
        ? `${csvField(account.accountId)},${csvField(account.accountName)},`
        : `{"accountId":${JSON.stringify(account.accountId)},"accountName":${JSON.stringify(account.accountName)},`;
    for (const text of tail) {
      chunk += head + text;
      if (++rows % 500 === 0) {
        yield chunk;
        chunk = '';
      }
    }
  }
  if (chunk) yield chunk;
}
