import { randomUUID } from 'node:crypto';
import {
  API_CALL_DETAIL_TYPE,
  isReadOnlyOrganizationsCall,
  ORGANIZATIONS_EVENT_SOURCE,
  ORGANIZATIONS_EVENT_SOURCE_HOST,
  SERVICE_EVENT_DETAIL_TYPE,
  type CloudTrailRecord,
  type OrganizationsEvent,
} from '../domain/organizations-event';
import type { CreateAccountRequestRecord, OrgState } from './org-state';
import { createAccountStatusShape } from './wire-shapes';

/**
 * The EventBridge events AWS would deliver for the emulator's calls: CloudTrail records of
 * successful mutating calls (read-only List and Describe calls are not emitted) and the
 * CreateAccountResult service event of an account creation that completed.
 * https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-organizations.html
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */

/** Who called, as the HTTP front saw it. */
export interface CallerInfo {
  /** The response's x-amzn-RequestId, which CloudTrail records as `requestID`. */
  readonly requestId: string;
  /** From the SigV4 `Authorization` header's Credential (undefined when unsigned). */
  readonly accessKeyId: string | undefined;
  readonly sourceIp: string | undefined;
  readonly userAgent: string | undefined;
}

// Organizations is a global service whose events arrive in us-east-1.
const REGION = 'us-east-1';

/** CloudTrail writes request and response members with their first letter in lower case, at every depth. */
export function lowerCamel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerCamel);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, member]) => [key.charAt(0).toLowerCase() + key.slice(1), lowerCamel(member)]),
  );
}

export function emitsEvent(operation: string): boolean {
  return !isReadOnlyOrganizationsCall(operation);
}

function envelope(state: OrgState, at: Date, detail: CloudTrailRecord): OrganizationsEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': detail.eventType === 'AwsServiceEvent' ? SERVICE_EVENT_DETAIL_TYPE : API_CALL_DETAIL_TYPE,
    source: ORGANIZATIONS_EVENT_SOURCE,
    account: state.managementAccountId,
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: REGION,
    resources: [],
    detail,
  };
}

function commonDetail(state: OrgState, at: Date) {
  return {
    eventVersion: '1.09',
    eventTime: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: ORGANIZATIONS_EVENT_SOURCE_HOST,
    awsRegion: REGION,
    eventID: randomUUID(),
    readOnly: false,
    managementEvent: true,
    recipientAccountId: state.managementAccountId,
    eventCategory: 'Management',
  };
}

/** The event of one successful call; `input` and `output` are the AWS JSON bodies (PascalCase members). */
export function apiCallEvent(
  state: OrgState,
  at: Date,
  operation: string,
  input: Readonly<Record<string, unknown>>,
  output: Readonly<Record<string, unknown>>,
  caller: CallerInfo,
): OrganizationsEvent {
  // JSON round trip: the event carries what went over the wire (no Date objects, no undefined members).
  const request = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
  const response = JSON.parse(JSON.stringify(output)) as Record<string, unknown>;
  return envelope(state, at, {
    ...commonDetail(state, at),
    userIdentity: {
      // The emulator knows the access key only; AWS would also name the IAM principal (arn, principalId).
      type: 'IAMUser',
      accountId: state.managementAccountId,
      ...(caller.accessKeyId ? { accessKeyId: caller.accessKeyId } : {}),
    },
    eventName: operation,
    ...(caller.sourceIp ? { sourceIPAddress: caller.sourceIp } : {}),
    ...(caller.userAgent ? { userAgent: caller.userAgent } : {}),
    requestParameters: Object.keys(request).length > 0 ? (lowerCamel(request) as Record<string, unknown>) : null,
    responseElements: Object.keys(response).length > 0 ? (lowerCamel(response) as Record<string, unknown>) : null,
    requestID: caller.requestId,
    eventType: 'AwsApiCall',
  });
}

/**
 * The service event AWS sends when an asynchronous CreateAccount finishes (CloudTrail eventType
 * AwsServiceEvent, invokedBy AWS, the status in serviceEventDetails).
 */
export function createAccountResultEvent(state: OrgState, at: Date, request: CreateAccountRequestRecord): OrganizationsEvent {
  return envelope(state, at, {
    ...commonDetail(state, at),
    userIdentity: { accountId: state.managementAccountId, invokedBy: 'AWS Internal' },
    eventName: 'CreateAccountResult',
    sourceIPAddress: 'AWS Internal',
    userAgent: 'AWS Internal',
    requestParameters: null,
    responseElements: null,
    serviceEventDetails: lowerCamel(JSON.parse(JSON.stringify({ CreateAccountStatus: createAccountStatusShape(request) }))) as Record<string, unknown>,
    eventType: 'AwsServiceEvent',
  });
}
