import type { KeyObject } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client';
import { flushWal } from '../flush-wal';
import { GENESIS_HASH } from '../row-hash';
import { keyIdOf, signCheckpoint, type ChainHead, type Checkpoint } from './checkpoint';
import { readCheckpoints, writeCheckpoint } from './checkpoint-dir';

interface HeadRow extends Record<string, unknown> {
  last_sequence: bigint | number | string;
  last_hash: string | null;
  last_occurred_at: Date | string | null;
}

/** The chain head now, once it is on disk (an append commits without waiting for the flush). */
export async function readDurableHead(prisma: PrismaClient): Promise<ChainHead> {
  const [row] = await prisma.$queryRaw<HeadRow[]>`SELECT last_sequence, last_hash, last_occurred_at FROM audit_chain WHERE id = 1`;
  if (!row) throw new Error('audit_chain has no head row; the audit migrations have not been applied');
  // On disk before it is signed: a crash cannot take back what a checkpoint attests.
  await flushWal(prisma);
  return {
    sequence: BigInt(row.last_sequence).toString(),
    hash: row.last_hash ?? GENESIS_HASH,
    headTime: row.last_occurred_at === null ? null : new Date(row.last_occurred_at).toISOString(),
  };
}

export interface TakenCheckpoint {
  readonly checkpoint: Checkpoint;
  /** The file written, or null when the newest checkpoint in the directory already attests this head. */
  readonly file: string | null;
}

/** Signs the chain head and writes it to `dir`, outside the database (issue 11, item 7). */
export async function takeCheckpoint(prisma: PrismaClient, dir: string, key: KeyObject, now: () => Date = () => new Date()): Promise<TakenCheckpoint> {
  const head = await readDurableHead(prisma);
  const newest = readCheckpoints(dir).at(-1)?.checkpoint;
  if (newest && newest.sequence === head.sequence && newest.hash === head.hash && newest.keyId === keyIdOf(key)) return { checkpoint: newest, file: null };
  const checkpoint = signCheckpoint(head, now(), key);
  return { checkpoint, file: writeCheckpoint(dir, checkpoint) };
}
