/**
 * What one failed attempt tells about the request, which decides whether a change may be sent again
 * (issue 11: "writes are sent once") and what its audit record may claim:
 * - `throttled`: AWS answered TooManyRequestsException: it refused the call, nothing happened.
 * - `not-sent`: the connection was never made (refused, unknown host): AWS never saw the request.
 * - `refused`: AWS answered with one of its modelled 4xx exceptions: it refused the call.
 * - `unknown`: the request may have reached AWS and been applied: a timeout, a reset or broken
 *   connection, a 5xx (ServiceException included) or an answer that could not be parsed.
 */
export type AttemptVerdict = 'throttled' | 'not-sent' | 'refused' | 'unknown';

interface SdkLikeError {
  readonly name?: string;
  readonly code?: string;
  readonly $fault?: 'client' | 'server';
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** Raised while connecting, before a byte of the request is written (Node's net/dns errors). */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function attemptVerdict(error: unknown): AttemptVerdict {
  const e = (error ?? {}) as SdkLikeError;
  const status = e.$metadata?.httpStatusCode;
  // AWS throttling: TooManyRequestsException (HTTP 400) or any 429 ("Throttling", API reference, Common Errors).
  if (e.name === 'TooManyRequestsException' || status === 429) return 'throttled';
  if (e.code !== undefined && NOT_SENT_CODES.has(e.code) && status === undefined) return 'not-sent';
  // A modelled exception (the SDK set $fault) with a 4xx status is AWS's own refusal.
  if (e.$fault === 'client' && status !== undefined && status >= 400 && status < 500) return 'refused';
  return 'unknown';
}

/**
 * A timeout of the request or of its socket (the smithy handler names them TimeoutError; it also
 * renames ECONNRESET and EPIPE so, which are resets, not timeouts).
 */
export function isTimeout(error: unknown): boolean {
  const e = (error ?? {}) as SdkLikeError;
  return e.name === 'TimeoutError' && e.code !== 'ECONNRESET' && e.code !== 'EPIPE';
}
