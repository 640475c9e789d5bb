import { csvField } from '../audit/export-format';
import type { AiOptOutPostureReport } from '../domain/ai-opt-out';

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

/** The rows in tree order, accounts by services, made as they are read (a large report is never held twice). */
export function* postureRows(report: AiOptOutPostureReport): Generator<PostureRow> {
  for (const account of report.accounts) {
    for (const cell of account.services) {
      yield {
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
  }
}

/**
 * The report as text chunks: CSV opens with its header row; NDJSON is one object per line. CSV
 * cells go through the audit export's csvField: RFC 4180 quoting, and account and policy names
 * that start like a formula are kept as text (OWASP, https://owasp.org/www-community/attacks/CSV_Injection).
 */
export function* formatPosture(report: AiOptOutPostureReport, format: ReportFormat): Generator<string> {
  if (format === 'csv') yield `${POSTURE_COLUMNS.join(',')}\r\n`;
  // Chunks of a few hundred rows: one write per row would cost more than the rows themselves.
  let chunk = '';
  let rows = 0;
  for (const row of postureRows(report)) {
    chunk += format === 'csv' ? `${POSTURE_COLUMNS.map((c) => csvField(row[c])).join(',')}\r\n` : `${JSON.stringify(row)}\n`;
    if (++rows % 500 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
