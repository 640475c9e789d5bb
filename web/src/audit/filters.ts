import type { AuditEventFilter, AuditOrigin, AuditOutcome } from '../gql/graphql';

/** The timeline's filters as the form edits them and the address keeps them (so a filtered view is a link). */
export interface FilterFields {
  readonly from: string;
  readonly to: string;
  readonly actor: string;
  readonly operation: string;
  readonly targetId: string;
  readonly policyId: string;
  readonly outcome: '' | AuditOutcome;
  readonly origin: '' | AuditOrigin;
}

export const NO_FILTER: FilterFields = { from: '', to: '', actor: '', operation: '', targetId: '', policyId: '', outcome: '', origin: '' };

const KEYS = Object.keys(NO_FILTER) as Array<keyof FilterFields>;
const OUTCOMES: readonly string[] = ['PENDING', 'SUCCEEDED', 'FAILED', 'UNKNOWN'];
const ORIGINS: readonly string[] = ['ORGQL', 'OUT_OF_BAND'];

/** from/to in the address are ISO instants; the form shows them as local date-times. */
export function fieldsFromSearch(search: URLSearchParams): FilterFields {
  const get = (key: string) => search.get(key)?.trim() ?? '';
  const outcome = get('outcome');
  const origin = get('origin');
  return {
    from: get('from'),
    to: get('to'),
    actor: get('actor'),
    operation: get('operation'),
    targetId: get('targetId'),
    policyId: get('policyId'),
    outcome: OUTCOMES.includes(outcome) ? (outcome as AuditOutcome) : '',
    origin: ORIGINS.includes(origin) ? (origin as AuditOrigin) : '',
  };
}

export function searchFromFields(fields: FilterFields): string {
  const search = new URLSearchParams();
  for (const key of KEYS) if (fields[key]) search.set(key, fields[key]);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** AuditEventFilter for GraphQL: only what is set (an invalid date is left out rather than sent). */
export function graphqlFilter(fields: FilterFields): AuditEventFilter {
  const instant = (value: string) => (value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : undefined);
  const filter: AuditEventFilter = {};
  if (instant(fields.from)) filter.from = instant(fields.from);
  if (instant(fields.to)) filter.to = instant(fields.to);
  if (fields.actor) filter.actor = fields.actor;
  if (fields.operation) filter.operation = fields.operation;
  if (fields.targetId) filter.targetId = fields.targetId;
  if (fields.policyId) filter.policyId = fields.policyId;
  if (fields.outcome) filter.outcome = fields.outcome;
  if (fields.origin) filter.origin = fields.origin;
  return filter;
}

/** The export route takes the same filters as query parameters. */
export function exportSearch(fields: FilterFields, format: 'csv' | 'ndjson'): string {
  const search = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(graphqlFilter(fields))) if (typeof value === 'string') search.set(key, value);
  return search.toString();
}

/** An ISO instant as a datetime-local input shows it (local time, minutes). */
export function toLocalInput(iso: string): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
