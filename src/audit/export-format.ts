import type { AuditEventRecord } from '../domain/audit-log';

export type ExportFormat = 'ndjson' | 'csv';

export const EXPORT_CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** Flat columns for CSV (and for tools that want CloudTrail-like field names). */
const COLUMNS: ReadonlyArray<readonly [string, (e: AuditEventRecord) => unknown]> = [
  ['sequence', (e) => e.sequence],
  ['event_id', (e) => e.id],
  ['kind', (e) => e.kind],
  ['intent_id', (e) => e.intentId],
  ['event_time', (e) => e.occurredAt.toISOString()],
  ['actor_id', (e) => e.actor.id],
  ['actor_type', (e) => e.actor.type],
  ['actor_display_name', (e) => e.actor.displayName],
  ['actor_auth_method', (e) => e.actor.authMethod],
  ['client_ip', (e) => e.clientIp],
  ['user_agent', (e) => e.userAgent],
  ['request_id', (e) => e.requestId],
  ['operation', (e) => e.operation],
  ['upstream_action', (e) => e.upstreamAction],
  ['target_type', (e) => e.targetType],
  ['target_id', (e) => e.targetId],
  ['policy_id', (e) => e.policyId],
  ['policy_type', (e) => e.policyType],
  ['request_parameters', (e) => e.arguments],
  ['state_before', (e) => e.stateBefore],
  ['state_after', (e) => e.stateAfter],
  ['idempotency_key', (e) => e.idempotencyKey],
  ['outcome', (e) => e.outcome],
  ['error_code', (e) => e.errorCode],
  ['error_message', (e) => e.errorMessage],
  ['upstream_request_id', (e) => e.upstreamRequestId],
  ['reconciliation', (e) => e.reconciliation],
  ['prev_hash', (e) => e.prevHash],
  ['row_hash', (e) => e.rowHash],
];

/**
 * A spreadsheet opening the export runs a cell that starts with one of these as a formula
 * (`=HYPERLINK(...)` in an actor name or a tag value). OWASP's CSV injection advice: prefix such a
 * cell with a single quote so it is shown as text. https://owasp.org/www-community/attacks/CSV_Injection
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled; JSON values as JSON text. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const raw = typeof value === 'string' ? value : JSON.stringify(value);
  // OWASP also asks for the guarded cell to be quoted.
  if (FORMULA_START.test(raw)) return `"'${raw.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(raw) ? `"${raw.replace(/"/g, '""')}"` : raw;
}

export function csvHeader(): string {
  return `${COLUMNS.map(([name]) => name).join(',')}\r\n`;
}

export function csvLine(event: AuditEventRecord): string {
  return `${COLUMNS.map(([, get]) => csvField(get(event))).join(',')}\r\n`;
}

export function ndjsonLine(event: AuditEventRecord): string {
  return `${JSON.stringify(event)}\n`;
}

/** The export as text chunks, one per row (after the CSV header). */
export async function* formatExport(rows: AsyncIterable<AuditEventRecord>, format: ExportFormat): AsyncGenerator<string> {
  if (format === 'csv') yield csvHeader();
  for await (const row of rows) yield format === 'csv' ? csvLine(row) : ndjsonLine(row);
}
