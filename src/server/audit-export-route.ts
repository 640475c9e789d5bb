import { Readable } from 'node:stream';
import { requirePermission } from './authentication-hook';
import type { HttpApp } from './http-app';
import { exportRows, type ExportFilter } from '../audit/export-rows';
import { EXPORT_CONTENT_TYPES, formatExport, type ExportFormat } from '../audit/export-format';
import type { PrismaClient } from '../generated/prisma/client';

export const AUDIT_EXPORT_PATH = '/audit/export';

interface ExportQuery {
  from?: string;
  to?: string;
  format?: string;
  actor?: string;
  operation?: string;
  targetId?: string;
  policyId?: string;
  policyType?: string;
  outcome?: string;
  kind?: string;
  origin?: string;
}

const OUTCOMES = ['PENDING', 'SUCCEEDED', 'FAILED', 'UNKNOWN'] as const;
const KINDS = ['INTENT', 'RESULT', 'RESOLUTION', 'OBSERVATION'] as const;
const ORIGINS = ['ORGQL', 'OUT_OF_BAND'] as const;

/** The same equality filters as GraphQL's AuditEventFilter, so an export holds exactly the rows a filtered view shows. */
function parseFilter(query: ExportQuery, problems: string[]): ExportFilter {
  const text = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
  const oneOf = <T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined => {
    if (value === undefined || value === '') return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
    return undefined;
  };
  return {
    actor: text(query.actor),
    operation: text(query.operation),
    targetId: text(query.targetId),
    policyId: text(query.policyId),
    policyType: text(query.policyType),
    outcome: oneOf('outcome', query.outcome, OUTCOMES),
    kind: oneOf('kind', query.kind, KINDS),
    origin: oneOf('origin', query.origin, ORIGINS),
  };
}

/** Parses an ISO 8601 time; undefined when absent, an Error when malformed. */
export function parseTime(value: string | undefined, name: string): Date | undefined | Error {
  if (value === undefined || value === '') return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? new Error(`${name} must be an ISO 8601 date-time, got ${JSON.stringify(value)}`) : time;
}

/**
 * GET /audit/export?from&to&format=ndjson|csv[&actor&operation&targetId&policyId&policyType&outcome&kind&origin]:
 * the audit log, oldest first, streamed row by row (memory stays flat for millions of rows; a slow
 * client slows the database reads down).
 */
export function registerAuditExport(app: HttpApp, prisma: PrismaClient): void {
  app.get<{ Querystring: ExportQuery }>(AUDIT_EXPORT_PATH, async (request, reply) => {
    if (!requirePermission(request, reply, 'AUDIT')) return reply;
    const from = parseTime(request.query.from, 'from');
    const to = parseTime(request.query.to, 'to');
    const format = request.query.format ?? 'ndjson';
    const problems = [from, to].filter((v): v is Error => v instanceof Error).map((e) => e.message);
    if (format !== 'ndjson' && format !== 'csv') problems.push(`format must be ndjson or csv, got ${JSON.stringify(format)}`);
    const filter = parseFilter(request.query, problems);
    if (problems.length > 0) return reply.code(400).send({ error: 'BAD_USER_INPUT', problems });
    const stream = Readable.from(formatExport(exportRows(prisma, from as Date | undefined, to as Date | undefined, filter), format as ExportFormat));
    const extension = format === 'csv' ? 'csv' : 'ndjson';
    return reply
      .type(EXPORT_CONTENT_TYPES[format as ExportFormat])
      .header('content-disposition', `attachment; filename="orgql-audit.${extension}"`)
      .send(stream);
  });
}
