import type { StructuralDiff } from './policy';

/** The read side of the audit log: what reports, verification and exports need. */

export type AuditOutcome = 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'UNKNOWN';
/**
 * A RESOLUTION is the reconciler's verdict on an intent whose RESULT said UNKNOWN (both point at the
 * intent). An OBSERVATION stands alone: a change orgql did not make, observed by the org mirror.
 */
export type AuditKind = 'INTENT' | 'RESULT' | 'RESOLUTION' | 'OBSERVATION';

/** One row of the audit log, shaped like a CloudTrail event. */
export interface AuditEventRecord {
  readonly id: string;
  /** Position in the chain (64-bit; decimal string). */
  readonly sequence: string;
  readonly kind: AuditKind;
  readonly intentId: string | null;
  readonly occurredAt: Date;
  readonly actor: { readonly id: string; readonly type: string; readonly displayName: string | null; readonly authMethod: string | null };
  readonly clientIp: string | null;
  readonly userAgent: string | null;
  readonly requestId: string | null;
  readonly operation: string;
  readonly upstreamAction: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly policyId: string | null;
  readonly policyType: string | null;
  readonly arguments: unknown;
  readonly stateBefore: unknown;
  readonly stateAfter: unknown;
  readonly idempotencyKey: string | null;
  readonly outcome: AuditOutcome;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly upstreamRequestId: string | null;
  readonly reconciliation: string | null;
  readonly prevHash: string | null;
  readonly rowHash: string | null;
}

/** The operation of an audit event that records a change orgql did not make (found by the mirror). */
export const OUT_OF_BAND_OPERATION = 'outOfBandChange';

/** ORGQL: changes made through orgql's mutations; OUT_OF_BAND: changes made outside orgql. */
export type AuditOrigin = 'ORGQL' | 'OUT_OF_BAND';

export interface AuditFilter {
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly actor?: string | undefined;
  readonly operation?: string | undefined;
  readonly targetId?: string | undefined;
  readonly policyId?: string | undefined;
  readonly policyType?: string | undefined;
  readonly outcome?: AuditOutcome | undefined;
  readonly kind?: AuditKind | undefined;
  readonly origin?: AuditOrigin | undefined;
}

export interface AuditPage {
  readonly events: AuditEventRecord[];
  readonly hasNextPage: boolean;
}

export type ChainBreakReason = 'HASH_MISMATCH' | 'PREVIOUS_HASH_MISMATCH' | 'SEQUENCE_GAP' | 'MISSING_HASH' | 'TIME_REVERSED' | 'HEAD_MISMATCH';

export interface ChainVerification {
  readonly ok: boolean;
  readonly checkedRows: number;
  readonly firstSequence: string | null;
  readonly lastSequence: string | null;
  /** Rows written before the chain existed (no hash), not verifiable. */
  readonly unchainedRows: number;
  /** The hash of the last row checked: keep it elsewhere to detect a rewrite of the whole chain later. */
  readonly lastHash: string | null;
  readonly brokenAt: { readonly sequence: string; readonly eventId: string | null; readonly reason: ChainBreakReason; readonly message: string } | null;
  /** The signed checkpoints held against the log (null: none taken yet; absent: not checked). */
  readonly checkpoints?: CheckpointVerification | null;
}

/** What the signed checkpoints (kept outside the database) say about the log. */
export interface CheckpointVerification {
  readonly ok: boolean;
  /** Checkpoints whose signature and row both matched. */
  readonly matched: number;
  readonly newestSequence: string | null;
  readonly newestSignedAt: string | null;
  readonly problems: ReadonlyArray<{ readonly file: string | null; readonly sequence: string | null; readonly reason: string; readonly message: string }>;
}

export interface PolicyVersion {
  readonly version: number;
  readonly event: AuditEventRecord;
  readonly document: unknown;
  readonly diff: StructuralDiff;
}

export interface TargetChange {
  readonly event: AuditEventRecord;
  readonly before: unknown;
  readonly after: unknown;
  readonly diff: StructuralDiff;
  /** The part of the diff under the state's effective policies, when the state recorded them. */
  readonly effectivePolicyDiff: StructuralDiff | null;
}

export type AuditGroupBy = 'DAY' | 'ACTOR' | 'OPERATION' | 'TARGET';

export interface AuditSummaryGroup {
  readonly key: string;
  readonly attempts: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly unknown: number;
}

export interface AuditLogReader {
  list(filter: AuditFilter, first: number, afterSequence: string | undefined): Promise<AuditPage>;
  count(filter: AuditFilter): Promise<number>;
  get(id: string): Promise<AuditEventRecord | null>;
  /** The result row of an intent, if it has one. */
  resultOf(intentId: string): Promise<AuditEventRecord | null>;
  /** The reconciler's resolution of an intent whose result was UNKNOWN, if it has one. */
  resolutionOf(intentId: string): Promise<AuditEventRecord | null>;
  policyHistory(policyId: string): Promise<PolicyVersion[]>;
  targetHistory(targetId: string): Promise<TargetChange[]>;
  summary(from: Date | undefined, to: Date | undefined, groupBy: AuditGroupBy): Promise<AuditSummaryGroup[]>;
  verifyChain(from: Date | undefined, to: Date | undefined): Promise<ChainVerification>;
}
