import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { getOperationAST, parse } from 'graphql';

export interface ErrorHandlerDeps {
  /** Whether the database answers right now (bounded in time): tells an outage from a bug. */
  readonly databaseAvailable: () => Promise<boolean>;
  /** Bodies are read up to this size when the handler needs to know what was asked. */
  readonly maxBodyBytes: number;
}

const RETRY_AFTER_SECONDS = 5;

/**
 * The one error handler of every route (hono's single handler; style.md habit 4). Fastify's default
 * would answer 500 with the error's own message: a Prisma message names the SQL, the database host
 * and source files. Here:
 * - 4xx errors Fastify raises itself (bad JSON, body too large, wrong content type) keep their status
 *   and their message, which describes the request, never the server;
 * - with the database away, 503 and Retry-After, with a stable code: AUDIT_UNAVAILABLE for a GraphQL
 *   mutation (no change is made without its record), SERVICE_UNAVAILABLE for anything else;
 * - anything else is a bug: 500 INTERNAL_SERVER_ERROR, logged here, with no detail in the answer.
 */
export function createErrorHandler(deps: ErrorHandlerDeps) {
  return async function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ statusCode: status, code: error.code ?? 'BAD_REQUEST', error: STATUS_CODES[status], message: error.message });
    }
    if (await deps.databaseAvailable()) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send(errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
    }
    request.log.warn({ err: error }, 'request refused: the database is unavailable');
    const mutation = await isMutation(request, deps.maxBodyBytes);
    return reply
      .code(503)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .send(
        mutation
          ? errorBody('The audit log is unavailable, so no change was made. Try again later.', 'AUDIT_UNAVAILABLE')
          : errorBody('The service is unavailable. Try again later.', 'SERVICE_UNAVAILABLE'),
      );
  };
}

function errorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code, retryAfterSeconds: RETRY_AFTER_SECONDS } }] };
}

/** Whether the request asks for a GraphQL mutation: from the parsed body, the query string, or the body still unread (a hook failed before parsing). */
async function isMutation(request: FastifyRequest, maxBodyBytes: number): Promise<boolean> {
  let payload: unknown = request.body;
  if (payload === undefined && request.method === 'GET') payload = request.query;
  if (payload === undefined && request.method === 'POST') payload = await readUnparsedJson(request, maxBodyBytes);
  const { query, operationName } = (typeof payload === 'object' && payload !== null ? payload : {}) as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return false;
  try {
    return getOperationAST(parse(query), typeof operationName === 'string' ? operationName : undefined)?.operation === 'mutation';
  } catch {
    return false;
  }
}

function readUnparsedJson(request: FastifyRequest, maxBytes: number): Promise<unknown> {
  const raw = request.raw;
  if (raw.readableEnded || raw.destroyed) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (value: unknown) => {
      clearTimeout(timer);
      raw.removeAllListeners('data');
      resolve(value);
    };
    const timer = setTimeout(() => done(undefined), 2000);
    raw.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return done(undefined);
      chunks.push(chunk);
    });
    raw.on('end', () => {
      try {
        done(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        done(undefined);
      }
    });
    raw.on('error', () => done(undefined));
  });
}
