import type { FastifyReply } from 'fastify';
import { isOrgqlError } from '../domain/errors';
import { requirePermission } from './authentication-hook';
import type { EventIngest } from './event-ingest';
import type { HttpApp } from './http-app';

export const EVENTS_PATH = '/events/organizations';

/**
 * POST /events/organizations: Amazon EventBridge events for AWS Organizations (one, or an array),
 * e.g. from an EventBridge rule whose target is an API destination; its connection sends
 * `authorization: Bearer <key of role events>`. Needs the EVENTS permission (roles `events`, `admin`).
 * 200: applied (the refreshed entities are served when the answer is sent); 400 FOREIGN_EVENT or
 * MALFORMED_EVENT: nothing applied; 503 REFRESH_FAILED: the upstream re-read failed, send it again
 * (EventBridge retries 5xx answers).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html
 */
/** A body that is not JSON is a malformed event too (Fastify's parser refuses it before the handler). */
function bodyErrorHandler(error: { statusCode?: number; code?: string }, _request: unknown, reply: FastifyReply) {
  if (error.statusCode === 413) return reply.code(413).send({ error: 'PAYLOAD_TOO_LARGE', problems: ['the body is larger than the gateway accepts'] });
  if (typeof error.code === 'string' && error.code.startsWith('FST_ERR_CTP')) {
    return reply
      .code(400)
      .send({ error: 'MALFORMED_EVENT', index: 0, problems: ['the body must be JSON (content-type: application/json): an event or an array of events'] });
  }
  throw error;
}

export function registerEventsRoute(app: HttpApp, ingest: EventIngest): void {
  app.post(EVENTS_PATH, { errorHandler: bodyErrorHandler }, async (request, reply) => {
    if (!requirePermission(request, reply, 'EVENTS')) return reply;
    let outcome;
    try {
      outcome = await ingest(request.body);
    } catch (error) {
      request.log.warn({ err: error }, 'organizations event not applied: the mirror refresh failed');
      const retryAfter = isOrgqlError(error) && typeof error.details.retryAfterSeconds === 'number' ? error.details.retryAfterSeconds : 5;
      return reply
        .code(503)
        .header('retry-after', String(retryAfter))
        .send({ error: 'REFRESH_FAILED', message: 'The organization could not be re-read upstream; send the event again later.' });
    }
    if (!outcome.ok) {
      return reply.code(400).send({ error: outcome.code, index: outcome.index, problems: outcome.problems });
    }
    return reply.code(200).send({ accepted: outcome.results.length, results: outcome.results });
  });
}
