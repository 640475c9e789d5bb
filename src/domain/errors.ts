/**
 * Expected failures carry a stable code; src/graphql/format-error.ts maps them to GraphQL in one place.
 * Bugs are not OrgqlErrors: anything else is reported as INTERNAL_SERVER_ERROR without internals.
 */
export const ERROR_CODES = [
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
  /**
   * The change would opt accounts out of AI services, deleting the content those services stored, and
   * the caller did not pass `acknowledge: [STORED_CONTENT_DELETION]`: details list the accounts. Nothing was sent.
   */
  'ACKNOWLEDGEMENT_REQUIRED',
  'ACCESS_DENIED',
  'UPSTREAM_THROTTLED',
  'UPSTREAM_UNAVAILABLE',
  /** AWS Organizations did not answer within ORGQL_UPSTREAM_TIMEOUT_MS. A change may have been made: details.outcomeUnknown. */
  'UPSTREAM_TIMEOUT',
  'AUDIT_UNAVAILABLE',
  'BAD_USER_INPUT',
  /** No or invalid credentials (HTTP 401). */
  'UNAUTHENTICATED',
  /** Authenticated, but the caller's role does not allow the operation. */
  'FORBIDDEN',
  /** orgql's own per-identity limit on mutations (HTTP 429 with Retry-After). */
  'RATE_LIMITED',
  /** A dependency of the gateway itself (the database) is down: HTTP 503 with Retry-After (mutations say AUDIT_UNAVAILABLE). */
  'SERVICE_UNAVAILABLE',
  /** The org mirror has not finished its first sync within the read deadline (HTTP 503 with Retry-After). */
  'MIRROR_NOT_READY',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class OrgqlError extends Error {
  override readonly name = 'OrgqlError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra machine-readable facts for the caller (reason, diagnostics, retryAfterSeconds, ...). */
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isOrgqlError(error: unknown): error is OrgqlError {
  return error instanceof OrgqlError;
}
