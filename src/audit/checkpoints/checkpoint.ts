import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../canonical-json';

/** What a checkpoint attests: the chain head at a moment, signed outside the database. */
export interface ChainHead {
  /** The last row's sequence ("0" for an empty chain). */
  readonly sequence: string;
  /** The last row's hash (the genesis hash for an empty chain). */
  readonly hash: string;
  /** The last row's time (ISO 8601), or null for an empty chain. */
  readonly headTime: string | null;
}

export interface Checkpoint extends ChainHead {
  readonly format: 'orgql-audit-checkpoint/1';
  /** When it was signed (ISO 8601). */
  readonly signedAt: string;
  /** Which key signed it: the first 16 hex digits of the SHA-256 of its public key (SPKI DER). */
  readonly keyId: string;
  /** Ed25519 signature (base64) over the canonical JSON of every other field. */
  readonly signature: string;
}

const FORMAT = 'orgql-audit-checkpoint/1';

export function keyIdOf(key: KeyObject): string {
  // A private KeyObject gives its public half.
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 16);
}

function signedBytes(checkpoint: Omit<Checkpoint, 'signature'>): Buffer {
  const { format, sequence, hash, headTime, signedAt, keyId } = checkpoint;
  return Buffer.from(canonicalJson({ format, sequence, hash, headTime, signedAt, keyId }), 'utf8');
}

export function signCheckpoint(head: ChainHead, signedAt: Date, privateKey: KeyObject): Checkpoint {
  const unsigned = {
    format: FORMAT,
    sequence: head.sequence,
    hash: head.hash,
    headTime: head.headTime,
    signedAt: signedAt.toISOString(),
    keyId: keyIdOf(privateKey),
  } as const;
  // Ed25519 hashes internally: no digest algorithm is named (null).
  return { ...unsigned, signature: sign(null, signedBytes(unsigned), privateKey).toString('base64') };
}

/** Whether the checkpoint's fields are exactly what the key signed. */
export function hasValidSignature(checkpoint: Checkpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, signedBytes(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/** A parsed checkpoint file, or why it is not one. */
export function parseCheckpoint(text: string): Checkpoint | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const c = value as Partial<Record<keyof Checkpoint, unknown>>;
  if (typeof value !== 'object' || value === null || c.format !== FORMAT) return `not an ${FORMAT} file`;
  const textFields = ['sequence', 'hash', 'signedAt', 'keyId', 'signature'] as const;
  for (const field of textFields) if (typeof c[field] !== 'string') return `field ${field} is missing`;
  if (!/^\d+$/.test(c.sequence as string)) return 'field sequence is not a row number';
  if (c.headTime !== null && typeof c.headTime !== 'string') return 'field headTime is missing';
  return value as Checkpoint;
}
