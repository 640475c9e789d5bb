import { createHash } from 'node:crypto';
import { canonicalJson, compareKeys } from './canonical-json';

/** The `prev_hash` of the first row of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Bump when the hashed content changes shape; verification dispatches on it. */
const FORMAT_VERSION = 1;

/** Everything a row says, as hashed. Absent values are null; times are ISO strings with milliseconds. */
export interface HashedContent {
  readonly id: string;
  readonly sequence: string;
  readonly kind: 'INTENT' | 'RESULT' | 'RESOLUTION' | 'OBSERVATION';
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
  return createHash('sha256')
    .update(canonicalJson({ v: FORMAT_VERSION, ...content }), 'utf8')
    .digest('hex');
}

/** The fields only the chain knows, in canonical key order. */
const CHAIN_FIELDS = ['occurredAt', 'prevHash', 'sequence'] as const;
type ChainField = (typeof CHAIN_FIELDS)[number];

/** The canonical JSON a row is hashed over, cut where the chain's values go: head, after time, after prev, tail. */
export type RowHashTemplate = readonly [string, string, string, string];

/**
 * The hashed text of a row whose chain fields are not known yet: the canonical JSON of
 * `{ v, ...content }` with a cut after each chain field's key. Joining the pieces with those fields'
 * values as JSON strings gives exactly the text rowHash hashes, so the database (audit_append) can
 * finish the hash under the chain lock without a second round trip.
 */
export function rowHashTemplate(content: Omit<HashedContent, ChainField>): RowHashTemplate {
  const members: Record<string, unknown> = { v: FORMAT_VERSION, ...content };
  const keys = [...Object.keys(members).filter((key) => members[key] !== undefined), ...CHAIN_FIELDS].sort(compareKeys);
  const pieces: string[] = [];
  let piece = '{';
  keys.forEach((key, index) => {
    piece += `${index === 0 ? '' : ','}${JSON.stringify(key)}:`;
    if ((CHAIN_FIELDS as readonly string[]).includes(key)) {
      pieces.push(piece);
      piece = '';
    } else {
      piece += canonicalJson(members[key]);
    }
  });
  pieces.push(`${piece}}`);
  if (pieces.length !== 4) throw new Error(`a row's content must not hold the chain fields themselves (${CHAIN_FIELDS.join(', ')})`);
  return pieces as unknown as RowHashTemplate;
}

/** What audit_append computes: the template's pieces joined with the chain's values, hashed. */
export function hashFromTemplate(template: RowHashTemplate, occurredAt: string, prevHash: string, sequence: string): string {
  const [head, afterTime, afterPrev, tail] = template;
  const text = `${head}${JSON.stringify(occurredAt)}${afterTime}${JSON.stringify(prevHash)}${afterPrev}${JSON.stringify(sequence)}${tail}`;
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
