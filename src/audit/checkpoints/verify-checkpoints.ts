import type { KeyObject } from 'node:crypto';
import path from 'node:path';
import type { PrismaClient } from '../../generated/prisma/client';
import { hasValidSignature, keyIdOf } from './checkpoint';
import { readCheckpoints } from './checkpoint-dir';

export type CheckpointProblemReason = 'UNREADABLE' | 'SIGNATURE_INVALID' | 'ROW_MISSING' | 'HASH_DIFFERS';

export interface CheckpointProblem {
  /** The checkpoint's file name. */
  readonly file: string;
  readonly sequence: string | null;
  readonly reason: CheckpointProblemReason;
  readonly message: string;
}

export interface CheckpointReport {
  readonly ok: boolean;
  /** Checkpoints whose signature and row both matched. */
  readonly matched: number;
  readonly newest: { readonly sequence: string; readonly signedAt: string } | null;
  readonly problems: readonly CheckpointProblem[];
}

interface StoredRow extends Record<string, unknown> {
  row_hash: string | null;
}

/**
 * Holds the log to every signed checkpoint in `dir`. The hash chain proves each row against the
 * rows before it, so an owner who rewrites a row and re-hashes everything after it, or who cuts the
 * tail and moves the head back, leaves a chain that verifies on its own; but not one that matches
 * a checkpoint signed before the rewrite: its row is then gone (ROW_MISSING) or has another hash
 * (HASH_DIFFERS). A checkpoint that does not verify against the key (forged, edited, another key)
 * proves nothing and is reported (SIGNATURE_INVALID).
 */
export async function verifyCheckpoints(prisma: PrismaClient, dir: string, key: KeyObject): Promise<CheckpointReport> {
  const problems: CheckpointProblem[] = [];
  let matched = 0;
  let newest: CheckpointReport['newest'] = null;
  const keyId = keyIdOf(key);
  for (const { file, checkpoint, problem } of readCheckpoints(dir)) {
    const name = path.basename(file);
    if (!checkpoint) {
      problems.push({ file: name, sequence: null, reason: 'UNREADABLE', message: `not a checkpoint: ${problem}` });
      continue;
    }
    if (!hasValidSignature(checkpoint, key)) {
      const why =
        checkpoint.keyId === keyId ? 'its content was changed after it was signed' : `it names key ${checkpoint.keyId}, not the configured key ${keyId}`;
      problems.push({ file: name, sequence: checkpoint.sequence, reason: 'SIGNATURE_INVALID', message: `the signature does not verify: ${why}` });
      continue;
    }
    if (checkpoint.sequence !== '0') {
      const [row] = await prisma.$queryRaw<StoredRow[]>`SELECT row_hash FROM audit_event WHERE sequence = ${BigInt(checkpoint.sequence)}`;
      if (!row) {
        problems.push({
          file: name,
          sequence: checkpoint.sequence,
          reason: 'ROW_MISSING',
          message: `row ${checkpoint.sequence}, signed at ${checkpoint.signedAt}, is no longer in the log: the chain was cut`,
        });
        continue;
      }
      if (row.row_hash !== checkpoint.hash) {
        problems.push({
          file: name,
          sequence: checkpoint.sequence,
          reason: 'HASH_DIFFERS',
          message: `row ${checkpoint.sequence} has hash ${String(row.row_hash).slice(0, 12)}…, but ${checkpoint.hash.slice(0, 12)}… was signed at ${checkpoint.signedAt}: the chain was rewritten up to this row`,
        });
        continue;
      }
    }
    matched += 1;
    if (!newest || BigInt(checkpoint.sequence) >= BigInt(newest.sequence)) newest = { sequence: checkpoint.sequence, signedAt: checkpoint.signedAt };
  }
  return { ok: problems.length === 0, matched, newest, problems };
}
