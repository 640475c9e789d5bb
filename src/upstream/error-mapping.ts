import { OrgqlError, type ErrorCode } from '../domain/errors';
import { isTimeout } from './attempt-verdict';

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
  // CloseAccount of an account that is closed or closing; ConflictException: the resource's state forbids it.
  AccountAlreadyClosedException: 'CONFLICT',
  ConflictException: 'CONFLICT',
  PolicyChangesInProgressException: 'CONFLICT',
  AccessDeniedException: 'ACCESS_DENIED',
  AccessDeniedForDependencyException: 'ACCESS_DENIED',
  InvalidInputException: 'BAD_USER_INPUT',
  TooManyRequestsException: 'UPSTREAM_THROTTLED',
  ServiceException: 'UPSTREAM_UNAVAILABLE',
};

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  Reason?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

export interface MappingContext {
  /** For UPSTREAM_THROTTLED: how long the caller should wait. */
  readonly retryAfterSeconds?: number;
  /**
   * Set for changes only, as `details.outcomeUnknown`: true when the request may have reached AWS
   * without orgql learning the result (attempt-verdict.ts `unknown`), so the audit records UNKNOWN
   * and the reconciler settles it; false when AWS provably did nothing (issue 11).
   */
  readonly outcomeUnknown?: boolean | undefined;
}

export function toOrgqlError(error: unknown, context: MappingContext = {}): OrgqlError {
  if (error instanceof OrgqlError) return error;
  const e = (error ?? {}) as SdkLikeError;
  const name = e.name ?? 'Error';
  const upstreamRequestId = e.$metadata?.requestId;
  const details: Record<string, unknown> = { upstreamException: name };
  if (upstreamRequestId) details.upstreamRequestId = upstreamRequestId;
  if (e.Reason) details.reason = e.Reason;
  if (context.outcomeUnknown !== undefined) details.outcomeUnknown = context.outcomeUnknown;
  const maybe = context.outcomeUnknown ? ' The change may or may not have been made.' : '';

  const code = CODE_BY_EXCEPTION[name];
  if (code === 'UPSTREAM_THROTTLED') details.retryAfterSeconds = context.retryAfterSeconds ?? 1;
  if (code === 'UPSTREAM_UNAVAILABLE') return new OrgqlError(code, `${e.message || name}${maybe}`, details, { cause: error });
  if (code) return new OrgqlError(code, e.message || name, details, { cause: error });

  if (isTimeout(error)) {
    return new OrgqlError('UPSTREAM_TIMEOUT', `AWS Organizations did not answer in time.${maybe}`, details, { cause: error });
  }
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) {
    return new OrgqlError('UPSTREAM_UNAVAILABLE', `AWS Organizations is failing; try again later.${maybe}`, details, { cause: error });
  }
  if (status === undefined && (e.code !== undefined || (error instanceof Error && !('$metadata' in error)))) {
    // A transport failure (connection refused or reset, DNS) comes without an HTTP status.
    return new OrgqlError('UPSTREAM_UNAVAILABLE', `AWS Organizations is unreachable; try again later.${maybe}`, details, { cause: error });
  }
  return new OrgqlError('UPSTREAM_UNAVAILABLE', `AWS Organizations answered with an unexpected error (${name}).${maybe}`, details, { cause: error });
}
