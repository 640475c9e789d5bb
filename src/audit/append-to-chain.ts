import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { storableText } from '../domain/storable-text';
import { toJsonValue } from './canonical-json';
import { GENESIS_HASH, rowHash, type HashedContent } from './row-hash';

/** A row to append: everything but what the chain assigns (id, sequence, time, hashes). */
export type AuditRowDraft = Omit<HashedContent, 'id' | 'sequence' | 'occurredAt' | 'prevHash'>;

export interface AppendedRow {
  readonly id: string;
  readonly sequence: bigint;
  readonly occurredAt: Date;
}

interface ChainHead extends Record<string, unknown> {
  last_sequence: bigint | number | string;
  last_hash: string | null;
  last_occurred_at: Date | string | null;
  now: Date | string;
}

/**
 * Appends one row to the single hash chain. The chain head row is locked (SELECT ... FOR UPDATE)
 * inside the insert transaction, so writers in any number of processes sharing the database take
 * turns: each sees the previous row's hash and the next sequence number, and a crash mid-append
 * rolls back both the row and the head. PGlite is one session whose transactions already run one at
 * a time; the same statements are correct there. The time comes from the database clock, kept
 * non-decreasing along the chain, so a time range is also a sequence range.
 */
export async function appendToChain(prisma: PrismaClient, given: AuditRowDraft): Promise<AppendedRow> {
  // Callers' strings (ids, keys, messages) may hold characters PostgreSQL cannot store.
  const draft = Object.fromEntries(Object.entries(given).map(([k, v]) => [k, typeof v === 'string' ? storableText(v) : v])) as AuditRowDraft;
  return prisma.$transaction(
    async (tx) => {
      const [head] = await tx.$queryRaw<ChainHead[]>`
        SELECT last_sequence, last_hash, last_occurred_at, date_trunc('milliseconds', clock_timestamp()) AS now
        FROM audit_chain WHERE id = 1 FOR UPDATE`;
      if (!head) throw new Error('audit_chain has no head row; the audit migrations have not been applied');
      const sequence = BigInt(head.last_sequence) + 1n;
      const now = new Date(head.now);
      const last = head.last_occurred_at === null ? undefined : new Date(head.last_occurred_at);
      const occurredAt = last && last > now ? last : now;
      const prevHash = head.last_hash ?? GENESIS_HASH;
      const id = randomUUID();
      const content: HashedContent = {
        ...draft,
        arguments: toJsonValue(draft.arguments) ?? {},
        stateBefore: toJsonValue(draft.stateBefore) ?? null,
        stateAfter: toJsonValue(draft.stateAfter) ?? null,
        id,
        sequence: sequence.toString(),
        occurredAt: occurredAt.toISOString(),
        prevHash,
      };
      const hash = rowHash(content);
      await tx.auditEvent.create({
        data: {
          ...draft,
          id,
          sequence,
          occurredAt,
          arguments: content.arguments as Prisma.InputJsonValue,
          stateBefore: jsonOrDbNull(content.stateBefore),
          stateAfter: jsonOrDbNull(content.stateAfter),
          prevHash,
          rowHash: hash,
        },
      });
      await tx.$executeRaw`UPDATE audit_chain SET last_sequence = ${sequence}, last_hash = ${hash}, last_occurred_at = ${occurredAt} WHERE id = 1`;
      return { id, sequence, occurredAt };
    },
    { maxWait: 10_000, timeout: 15_000 },
  );
}

function jsonOrDbNull(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}
