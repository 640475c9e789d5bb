import { isOrgqlError, type ErrorCode } from './errors';

/**
 * Codes that mean AWS (or orgql, before sending) refused the change: nothing happened. Every other
 * failure of a sent change (UPSTREAM_UNAVAILABLE: a timeout, a reset connection, a 5xx, an answer
 * that could not be read; or a bug) leaves open whether the request reached AWS and was applied.
 * AWS: "Error retries and exponential backoff" (a 5xx or a lost answer does not say the call failed).
 */
const REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'NOT_FOUND',
  'POLICY_MALFORMED',
  'POLICY_TYPE_NOT_ENABLED',
  'POLICY_TYPE_ALREADY_ENABLED',
  'POLICY_IN_USE',
  'POLICY_NOT_ATTACHED',
  'DUPLICATE_ATTACHMENT',
  'DUPLICATE',
  'NOT_EMPTY',
  'CONSTRAINT_VIOLATION',
  'CONFLICT',
  'ACCESS_DENIED',
  'UPSTREAM_THROTTLED',
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'RATE_LIMITED',
  'UNAUTHENTICATED',
]);

/**
 * What a failed change is recorded as. `sent` says whether the change reached the writer at all
 * (a refusal before it, e.g. an invalid document, is FAILED whatever the error). After that:
 * - the upstream adapter's own verdict wins: `details.outcomeUnknown` (true: the request may have
 *   been applied, e.g. a retried write whose earlier attempt lost its answer; false: it was not);
 * - otherwise a refusal code is FAILED and anything else UNKNOWN.
 */
export function failureOutcome(error: unknown, sent: boolean): 'FAILED' | 'UNKNOWN' {
  if (!sent) return 'FAILED';
  if (!isOrgqlError(error)) return 'UNKNOWN';
  const marked = error.details.outcomeUnknown;
  if (typeof marked === 'boolean') return marked ? 'UNKNOWN' : 'FAILED';
  return REFUSALS.has(error.code) ? 'FAILED' : 'UNKNOWN';
}
