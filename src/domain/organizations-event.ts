/**
 * An Amazon EventBridge event for an AWS Organizations API call, as CloudTrail delivers it: the
 * envelope (`source: aws.organizations`, `detail-type: AWS API Call via CloudTrail`) around the
 * CloudTrail record. The emulator builds these; the mirror validates and reads them.
 * https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-organizations.html
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
export const ORGANIZATIONS_EVENT_SOURCE = 'aws.organizations';
export const API_CALL_DETAIL_TYPE = 'AWS API Call via CloudTrail';
/** Service events (e.g. CreateAccountResult, when an asynchronous account creation ends) come under this one. */
export const SERVICE_EVENT_DETAIL_TYPE = 'AWS Service Event via CloudTrail';
/** CloudTrail's `eventSource` for every Organizations call. */
export const ORGANIZATIONS_EVENT_SOURCE_HOST = 'organizations.amazonaws.com';

/** CloudTrail's userIdentity: who made the call (all members optional; service events carry `invokedBy`). */
export interface CloudTrailUserIdentity {
  readonly type?: string;
  readonly principalId?: string;
  readonly arn?: string;
  readonly accountId?: string;
  readonly accessKeyId?: string;
  readonly invokedBy?: string;
}

export interface CloudTrailRecord {
  readonly eventVersion: string;
  readonly userIdentity: CloudTrailUserIdentity;
  readonly eventTime: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly awsRegion: string;
  readonly sourceIPAddress?: string;
  readonly userAgent?: string;
  /** The call's input members, first letter lower-cased; null for calls without input. */
  readonly requestParameters: Readonly<Record<string, unknown>> | null;
  /** The output of calls that create something; null otherwise. */
  readonly responseElements: Readonly<Record<string, unknown>> | null;
  /** Present on service events (`eventType: AwsServiceEvent`), e.g. CreateAccountResult. */
  readonly serviceEventDetails?: Readonly<Record<string, unknown>>;
  /** Set when the call failed: a failed call changed nothing. */
  readonly errorCode?: string;
  readonly errorMessage?: string;
  /** The x-amzn-RequestId the API answered the caller with. */
  readonly requestID?: string;
  readonly eventID: string;
  readonly readOnly?: boolean;
  readonly eventType: string;
  readonly managementEvent?: boolean;
  readonly recipientAccountId?: string;
  readonly eventCategory?: string;
}

export interface OrganizationsEvent {
  readonly version: string;
  readonly id: string;
  readonly 'detail-type': typeof API_CALL_DETAIL_TYPE | typeof SERVICE_EVENT_DETAIL_TYPE;
  readonly source: typeof ORGANIZATIONS_EVENT_SOURCE;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: CloudTrailRecord;
}

/** Organizations calls that only read (List*, Describe*) never change the organization. */
export function isReadOnlyOrganizationsCall(eventName: string): boolean {
  return /^(List|Describe)[A-Z]/.test(eventName);
}
