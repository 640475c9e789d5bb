import { z } from 'zod';
import {
  API_CALL_DETAIL_TYPE,
  ORGANIZATIONS_EVENT_SOURCE,
  ORGANIZATIONS_EVENT_SOURCE_HOST,
  SERVICE_EVENT_DETAIL_TYPE,
  type OrganizationsEvent,
} from '../domain/organizations-event';

/**
 * Validation of an EventBridge event for an Organizations API call (src/domain/organizations-event.ts).
 * Unknown members are kept (CloudTrail adds fields over time: eventVersion 1.08 -> 1.11), but every
 * member the mirror reads must have its documented type.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
const text = (max: number) => z.string().min(1).max(max);
const members = z.record(z.string(), z.unknown());

const userIdentity = z.looseObject({
  type: text(64).optional(),
  principalId: text(256).optional(),
  arn: text(2048).optional(),
  accountId: text(64).optional(),
  accessKeyId: text(128).optional(),
  invokedBy: text(256).optional(),
});

const detail = z.looseObject({
  eventVersion: text(16),
  userIdentity,
  eventTime: text(64),
  eventSource: z.literal(ORGANIZATIONS_EVENT_SOURCE_HOST),
  eventName: z.string().regex(/^[A-Za-z0-9]{1,128}$/, 'must be an API action name'),
  awsRegion: text(64),
  sourceIPAddress: text(256).optional(),
  userAgent: z.string().max(4096).optional(),
  requestParameters: members
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  responseElements: members
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  serviceEventDetails: members.optional(),
  errorCode: text(256).optional(),
  errorMessage: z.string().max(8192).optional(),
  requestID: text(256).optional(),
  eventID: text(256),
  readOnly: z.boolean().optional(),
  eventType: text(64),
  managementEvent: z.boolean().optional(),
  recipientAccountId: text(64).optional(),
  eventCategory: text(64).optional(),
});

const envelope = z.looseObject({
  version: text(16),
  id: text(256),
  'detail-type': z.enum([API_CALL_DETAIL_TYPE, SERVICE_EVENT_DETAIL_TYPE]),
  source: z.literal(ORGANIZATIONS_EVENT_SOURCE),
  account: text(64),
  time: text(64),
  region: text(64),
  resources: z.array(z.string()).max(1000),
  detail,
});

export type EventParseResult =
  | { readonly ok: true; readonly event: OrganizationsEvent }
  /** FOREIGN_EVENT: another source or detail-type (not for orgql); MALFORMED_EVENT: not a valid such event. */
  | { readonly ok: false; readonly code: 'FOREIGN_EVENT' | 'MALFORMED_EVENT'; readonly problems: readonly string[] };

export function parseOrganizationsEvent(value: unknown): EventParseResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, code: 'MALFORMED_EVENT', problems: ['an event must be a JSON object'] };
  }
  const { source, 'detail-type': detailType } = value as Record<string, unknown>;
  if (source !== ORGANIZATIONS_EVENT_SOURCE || (detailType !== API_CALL_DETAIL_TYPE && detailType !== SERVICE_EVENT_DETAIL_TYPE)) {
    return {
      ok: false,
      code: 'FOREIGN_EVENT',
      problems: [
        `only events with source "${ORGANIZATIONS_EVENT_SOURCE}" and detail-type "${API_CALL_DETAIL_TYPE}" (or "${SERVICE_EVENT_DETAIL_TYPE}") are accepted`,
      ],
    };
  }
  const parsed = envelope.safeParse(value);
  if (!parsed.success) {
    return { ok: false, code: 'MALFORMED_EVENT', problems: parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`) };
  }
  return { ok: true, event: parsed.data as unknown as OrganizationsEvent };
}
