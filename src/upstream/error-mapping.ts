import { OrgqlError, type ErrorCode } from '../domain/errors';

/**
 * Translates AWS Organizations exceptions (by name, as the SDK deserialises them) into domain
 * errors. The only place that knows AWS exception names; resolvers never see SDK types.
 */
const CODE_BY_EXCEPTION: Readonly<Record<string, ErrorCode>> = {
  AccountNotFoundException: 'NOT_FOUND',
  ChildNotFoundException: 'NOT_FOUND',
  CreateAccountStatusNotFoundException: 'NOT_FOUND',
  DestinationParentNotFoundException: 'NOT_FOUND',
  EffectivePolicyNotFoundException: 'NOT_FOUND',
  OrganizationalUnitNotFoundException: 'NOT_FOUND',
  ParentNotFoundException: 'NOT_FOUND',
  PolicyNotFoundException: 'NOT_FOUND',
  RootNotFoundException: 'NOT_FOUND',
  SourceParentNotFoundException: 'NOT_FOUND',
  TargetNotFoundException: 'NOT_FOUND',
  AWSOrganizationsNotInUseException: 'NOT_FOUND',
  MalformedPolicyDocumentException: 'POLICY_MALFORMED',
  PolicyTypeNotEnabledException: 'POLICY_TYPE_NOT_ENABLED',
  PolicyTypeAlreadyEnabledException: 'POLICY_TYPE_ALREADY_ENABLED',
  PolicyInUseException: 'POLICY_IN_USE',
  PolicyNotAttachedException: 'POLICY_NOT_ATTACHED',
  DuplicatePolicyAttachmentException: 'DUPLICATE_ATTACHMENT',
  DuplicatePolicyException: 'DUPLICATE',
  DuplicateOrganizationalUnitException: 'DUPLICATE',
  DuplicateAccountException: 'DUPLICATE',
  OrganizationalUnitNotEmptyException: 'NOT_EMPTY',
  ConstraintViolationException: 'CONSTRAINT_VIOLATION',
  PolicyTypeNotAvailableForOrganizationException: 'CONSTRAINT_VIOLATION',
  ConcurrentModificationException: 'CONFLICT',
  PolicyChangesInProgressException: 'CONFLICT',
  AccessDeniedException: 'ACCESS_DENIED',
  AccessDeniedForDependencyException: 'ACCESS_DENIED',
  InvalidInputException: 'BAD_USER_INPUT',
  TooManyRequestsException: 'UPSTREAM_THROTTLED',
  ServiceException: 'UPSTREAM_UNAVAILABLE',
};

/** Network failures, timeouts and 5xx answers all mean the same to a caller: try again later. */
const UNAVAILABLE_NAMES = new Set(['TimeoutError', 'AbortError', 'RequestTimeout']);

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  Reason?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $retryable?: unknown;
}

export function toOrgqlError(error: unknown, retryAfterSeconds = 1): OrgqlError {
  if (error instanceof OrgqlError) return error;
  const e = (error ?? {}) as SdkLikeError;
  const name = e.name ?? 'Error';
  const upstreamRequestId = e.$metadata?.requestId;
  const details: Record<string, unknown> = { upstreamException: name };
  if (upstreamRequestId) details.upstreamRequestId = upstreamRequestId;
  if (e.Reason) details.reason = e.Reason;

  const code = CODE_BY_EXCEPTION[name];
  if (code === 'UPSTREAM_THROTTLED') details.retryAfterSeconds = retryAfterSeconds;
  if (code) return new OrgqlError(code, e.message || name, details, { cause: error });

  const status = e.$metadata?.httpStatusCode;
  const networkCode = e.code;
  if (UNAVAILABLE_NAMES.has(name) || (status !== undefined && status >= 500) || (networkCode && /^E[A-Z]+/.test(networkCode))) {
    return new OrgqlError('UPSTREAM_UNAVAILABLE', 'AWS Organizations is unreachable or failing; try again later.', details, { cause: error });
  }
  if (status === undefined && error instanceof Error && !('$metadata' in error)) {
    // A transport failure (connection refused, DNS) surfaces as a plain Error without metadata.
    return new OrgqlError('UPSTREAM_UNAVAILABLE', 'AWS Organizations is unreachable; try again later.', details, { cause: error });
  }
  return new OrgqlError('UPSTREAM_UNAVAILABLE', `AWS Organizations answered with an unexpected error (${name}).`, details, { cause: error });
}
