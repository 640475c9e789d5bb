import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The `prev_hash` of the first row of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Bump when the hashed content changes shape; verification dispatches on it. */
const FORMAT_VERSION = 1;

/** Everything a row says, as hashed. Absent values are null; times are ISO strings with milliseconds. */
export interface HashedContent {
  readonly id: string;
  readonly sequence: string;
  readonly kind: 'INTENT' | 'RESULT';
  readonly intentId: string | null;
  readonly occurredAt: string;
  readonly actorId: string;
  readonly actorType: string;
  readonly actorDisplayName: string | null;
  readonly actorAuthMethod: string | null;
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
  readonly outcome: 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'UNKNOWN';
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly upstreamRequestId: string | null;
  readonly reconciliation: string | null;
  readonly prevHash: string;
}

/**
 * SHA-256 over the canonical JSON of the row's content, which includes the previous row's hash:
 * changing, removing or reordering any row changes every hash after it (CloudTrail's digest chain).
 */
export function rowHash(content: HashedContent): string {
  return createHash('sha256').update(canonicalJson({ v: FORMAT_VERSION, ...content }), 'utf8').digest('hex');
}
