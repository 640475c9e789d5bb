import { Readable } from 'node:stream';
import { isOrgqlError, OrgqlError } from '../domain/errors';
import type { OrganizationsReader } from '../domain/ports';
import { createLoaders } from '../graphql/loaders/create-loaders';
import { loadAiOptOutPosture } from '../graphql/org/ai-opt-out-posture';
import type { OrgMirror } from '../mirror/org-mirror';
import { formatPosture, REPORT_CONTENT_TYPES, type ReportFormat } from './ai-opt-out-report-rows';
import { requirePermission } from './authentication-hook';
import type { HttpApp } from './http-app';
import { consistencyOf, requestMirrorView } from './request-mirror-view';

export const AI_OPT_OUT_REPORT_PATH = '/reports/ai-opt-out';

interface ReportQuery {
  format?: string;
  under?: string;
  services?: string;
  expect?: string;
}

const STATUS_OF: Readonly<Record<string, number>> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  MIRROR_NOT_READY: 503,
  UPSTREAM_THROTTLED: 503,
  UPSTREAM_UNAVAILABLE: 503,
};

/**
 * GET /reports/ai-opt-out?format=csv|ndjson[&under=&services=a,b&expect=OPT_OUT] (role viewer):
 * aiOptOutPosture as one row per account and service, read from one mirror snapshot like a GraphQL
 * request, and streamed (chunks of rows, so a slow client holds no second copy of the report).
 */
export function registerAiOptOutReport(app: HttpApp, mirror: OrgMirror, organizations: OrganizationsReader, mirrorEnabled: boolean): void {
  app.get<{ Querystring: ReportQuery }>(AI_OPT_OUT_REPORT_PATH, async (request, reply) => {
    if (!requirePermission(request, reply, 'READ')) return reply;
    const { format = 'csv', under, services, expect } = request.query;
    try {
      if (format !== 'csv' && format !== 'ndjson') throw badInput('format', `format must be csv or ndjson, got ${JSON.stringify(format.slice(0, 40))}.`);
      if (expect !== undefined && expect !== 'OPT_IN' && expect !== 'OPT_OUT') throw badInput('expect', 'expect must be OPT_IN or OPT_OUT.');
      const view = requestMirrorView(mirror, organizations, mirrorEnabled ? consistencyOf(request.headers['x-orgql-consistency']) : 'UPSTREAM');
      const report = await loadAiOptOutPosture(createLoaders(view.reader), view.mirror, {
        under: under || undefined,
        services: services === undefined ? undefined : services.split(',').map((s) => s.trim()),
        expect,
      });
      return reply
        .type(REPORT_CONTENT_TYPES[format as ReportFormat])
        .header('content-disposition', `attachment; filename="orgql-ai-opt-out.${format}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(formatPosture(report, format as ReportFormat)));
    } catch (error) {
      const status = isOrgqlError(error) ? STATUS_OF[error.code] : undefined;
      if (!isOrgqlError(error) || status === undefined) throw error;
      const retryAfter = error.details['retryAfterSeconds'];
      if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
      return reply.code(status).send({ errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] });
    }
  });
}

function badInput(argument: string, message: string): OrgqlError {
  return new OrgqlError('BAD_USER_INPUT', message, { argument });
}
