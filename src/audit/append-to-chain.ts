import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client';
import { storableText } from '../domain/storable-text';
import { toColumnValues, type AppendedContent } from './audit-columns';
import { toJsonValue } from './canonical-json';
import { flushWal } from './flush-wal';
import { rowHashTemplate, type HashedContent } from './row-hash';

/** A row to append: everything but what the chain assigns (id, sequence, time, hashes). */
export type AuditRowDraft = Omit<HashedContent, 'id' | 'sequence' | 'occurredAt' | 'prevHash'>;

export interface AppendedRow {
  readonly id: string;
  readonly sequence: bigint;
  readonly occurredAt: Date;
}

interface Appended extends Record<string, unknown> {
  appended_sequence: bigint | number | string;
  appended_at: Date | string;
}

/**
 * Appends one row to the single hash chain, in one round trip: the SQL function audit_append
 * (migration 20261201110000_audit_append) locks the chain head row, takes the next sequence number,
 * the previous hash and the database time, finishes the row's hash, inserts the row and moves the
 * head, all in one statement. Writers in any number of processes sharing the database take turns on
 * the head lock, and the lock is held only while PostgreSQL works, never across a network round
 * trip. The hash is rowHash's (verification recomputes it in Node): this side sends the canonical
 * JSON cut where the chain's values go (rowHashTemplate). PGlite runs the same function.
 *
 * audit_append commits without waiting for the disk, so that the lock is not held over an fsync.
 * A durable append (by default an INTENT: the promise made before the upstream call, which must
 * survive a crash) then waits for the flush, outside the lock. A RESULT lost in a crash (with the
 * WAL tail; never a row in the middle) leaves its intent dangling, and the reconciler settles it.
 */
export async function appendToChain(prisma: PrismaClient, given: AuditRowDraft, { durable = given.kind === 'INTENT' } = {}): Promise<AppendedRow> {
  // Callers' strings (ids, keys, messages) may hold characters PostgreSQL cannot store.
  const draft = Object.fromEntries(Object.entries(given).map(([k, v]) => [k, typeof v === 'string' ? storableText(v) : v])) as AuditRowDraft;
  const id = randomUUID();
  const content: AppendedContent = {
    ...draft,
    arguments: toJsonValue(draft.arguments) ?? {},
    stateBefore: toJsonValue(draft.stateBefore) ?? null,
    stateAfter: toJsonValue(draft.stateAfter) ?? null,
    id,
  };
  const [head, afterTime, afterPrev, tail] = rowHashTemplate(content);
  const row = JSON.stringify(toColumnValues(content));
  const [appended] = await prisma.$queryRaw<Appended[]>`
    SELECT appended_sequence, appended_at FROM audit_append(${row}::jsonb, ${head}, ${afterTime}, ${afterPrev}, ${tail})`;
  if (!appended) throw new Error('audit_append returned no row');
  if (durable) await flushWal(prisma);
  return { id, sequence: BigInt(appended.appended_sequence), occurredAt: new Date(appended.appended_at) };
}
