/**
 * The org mirror's vocabulary (issue 10), shared by the mirror (src/mirror), the GraphQL layer
 * (mutations declare what they touch) and the server (events, metrics).
 */
import type { PolicyType } from './policy-type';

/**
 * What a refresh re-reads upstream. `ATTACHMENTS` covers every policy type unless `type` narrows
 * it (a mutation knows the one type it changed: one ListPoliciesForTarget call instead of one per type).
 */
export type EntityRef =
  | { readonly kind: 'ORGANIZATION' }
  | { readonly kind: 'ROOTS' }
  | { readonly kind: 'ACCOUNT'; readonly id: string }
  | { readonly kind: 'ORGANIZATIONAL_UNIT'; readonly id: string }
  | { readonly kind: 'CHILDREN'; readonly parentId: string }
  | { readonly kind: 'POLICY'; readonly id: string }
  | { readonly kind: 'POLICIES'; readonly type: PolicyType }
  | { readonly kind: 'ATTACHMENTS'; readonly targetId: string; readonly type?: PolicyType }
  | { readonly kind: 'TARGETS'; readonly policyId: string }
  | { readonly kind: 'TAGS'; readonly resourceId: string };

export type RefreshCause =
  | { readonly kind: 'MUTATION'; readonly auditEventId: string; readonly upstreamRequestId: string | undefined }
  | {
      readonly kind: 'EVENT';
      readonly eventName: string;
      readonly requestId: string | undefined;
      readonly eventId: string | undefined;
      readonly actor: { readonly accessKeyId?: string; readonly arn?: string; readonly type?: string } | undefined;
      /** CloudTrail's eventTime and requestParameters: what matches the event to an orgql call whose answer was lost. */
      readonly eventTime?: string;
      readonly requestParameters?: Readonly<Record<string, unknown>> | null;
    }
  /** A full refresh that found differences. */
  | { readonly kind: 'PERIODIC' }
  /** A first or explicit full sync (differences against a persisted state). */
  | { readonly kind: 'SYNC' }
  /**
   * A mutation re-read what its precondition depends on, just before deciding (updatePolicy's
   * expectedContentHash): a difference found is a change made outside orgql that the mirror had not heard of.
   */
  | { readonly kind: 'PRECONDITION'; readonly operation: string };

/** One entity that changed in a refresh: the state before and after (null = absent). */
export interface MirrorChange {
  readonly ref: EntityRef;
  readonly before: unknown;
  readonly after: unknown;
}

export type MirrorState = 'EMPTY' | 'SYNCING' | 'READY' | 'STALE' | 'FAILED';

export interface MirrorStatusReport {
  readonly state: MirrorState;
  readonly version: number;
  readonly syncedAt: Date | null;
  readonly tagsSyncedAt: Date | null;
  readonly leader: boolean;
  /** A short message, never raw internals. */
  readonly lastError: string | undefined;
  readonly lastSyncDurationMs: number | undefined;
  readonly upstreamCallsLastSync: number | undefined;
}
