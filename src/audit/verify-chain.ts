import type { AuditEvent, PrismaClient } from '../generated/prisma/client';
import type { ChainBreakReason, ChainVerification } from '../domain/audit-log';
import { hashedContentOf } from './hashed-content';
import { GENESIS_HASH, rowHash } from './row-hash';
import { sequenceRange } from './sequence-range';

const BATCH = 2_000;

type Break = NonNullable<ChainVerification['brokenAt']>;

/**
 * Recomputes the chain over [from, to]: every row's hash from its content and the previous row's
 * hash, that sequence numbers are contiguous and times never go back, and (when the range reaches
 * the end) that the last row is the chain head. Reports the first row where this fails. Rows are
 * read in keyset batches, so memory stays flat however long the log is.
 */
export async function verifyChain(prisma: PrismaClient, from: Date | undefined, to: Date | undefined): Promise<ChainVerification> {
  const range = await sequenceRange(prisma, from, to);
  // Read once, in one snapshot, so that rows appended while verifying are simply out of range.
  const head = range.empty || range.lte !== undefined ? null : await readHead(prisma);
  if (head?.problem) return { ok: false, checkedRows: 0, firstSequence: null, lastSequence: null, unchainedRows: 0, lastHash: null, brokenAt: head.problem };
  const upTo = range.empty ? undefined : (range.lte ?? head?.lastSequence);
  const result = {
    ok: true,
    checkedRows: 0,
    firstSequence: null as string | null,
    lastSequence: null as string | null,
    unchainedRows: 0,
    lastHash: null as string | null,
  };
  if (range.empty) return { ...result, brokenAt: null };

  // The row before the range anchors the first link.
  let previous: AuditEvent | null =
    range.gte === undefined ? null : await prisma.auditEvent.findFirst({ where: { sequence: { lt: range.gte } }, orderBy: { sequence: 'desc' } });
  const cursor = range.gte === undefined ? undefined : range.gte - 1n;
  const broken = (row: AuditEvent, reason: ChainBreakReason, message: string): ChainVerification => ({
    ...result,
    ok: false,
    brokenAt: { sequence: row.sequence.toString(), eventId: row.id, reason, message },
  });

  const batchAfter = (after: bigint | undefined) =>
    prisma.auditEvent.findMany({
      where: { sequence: { ...(after === undefined ? {} : { gt: after }), ...(upTo === undefined ? {} : { lte: upTo }) } },
      orderBy: { sequence: 'asc' },
      take: BATCH,
    });
  // The next batch is read while this one is hashed: the database and Node work at the same time.
  let next = batchAfter(cursor);
  for (;;) {
    const rows = await next;
    if (rows.length === BATCH) {
      next = batchAfter(rows[rows.length - 1]!.sequence);
      next.catch(() => undefined); // awaited above on the next turn; a break found first leaves it unread
    }
    for (const row of rows) {
      const problem = checkLink(previous, row);
      if (problem) return broken(row, problem.reason, problem.message);
      if (row.rowHash === null) result.unchainedRows += 1;
      result.checkedRows += 1;
      result.firstSequence ??= row.sequence.toString();
      result.lastSequence = row.sequence.toString();
      result.lastHash = row.rowHash;
      previous = row;
    }
    if (rows.length < BATCH) break;
  }
  if (head && head.lastHash !== null && (previous === null || previous.sequence !== head.lastSequence || previous.rowHash !== head.lastHash)) {
    return {
      ...result,
      ok: false,
      brokenAt: {
        sequence: head.lastSequence.toString(),
        eventId: null,
        reason: 'HEAD_MISMATCH',
        message: `the chain head records row ${head.lastSequence}, but the last row is ${previous ? previous.sequence : 'none'} (or differs): rows were removed from the end`,
      },
    };
  }
  return { ...result, brokenAt: null };
}

function checkLink(previous: AuditEvent | null, row: AuditEvent): { reason: ChainBreakReason; message: string } | null {
  if (row.rowHash === null || row.prevHash === null) {
    // Rows older than the chain (first migration) may lack a hash, but only before the first chained row.
    if (previous === null || previous.rowHash === null) return null;
    return { reason: 'MISSING_HASH', message: `row ${row.sequence} has no hash, but follows chained row ${previous.sequence}` };
  }
  if (previous !== null && row.sequence !== previous.sequence + 1n && previous.rowHash !== null) {
    return { reason: 'SEQUENCE_GAP', message: `row ${row.sequence} follows row ${previous.sequence}: ${row.sequence - previous.sequence - 1n} row(s) missing` };
  }
  const expectedPrev = previous?.rowHash ?? GENESIS_HASH;
  if (row.prevHash !== expectedPrev) {
    return {
      reason: 'PREVIOUS_HASH_MISMATCH',
      message: `row ${row.sequence} links to ${row.prevHash.slice(0, 12)}…, but the previous row's hash is ${expectedPrev.slice(0, 12)}…`,
    };
  }
  if (previous !== null && row.occurredAt < previous.occurredAt) {
    return { reason: 'TIME_REVERSED', message: `row ${row.sequence} is dated before row ${previous.sequence}` };
  }
  const recomputed = rowHash(hashedContentOf(row, row.prevHash));
  if (recomputed !== row.rowHash) {
    return { reason: 'HASH_MISMATCH', message: `row ${row.sequence}'s content does not match its hash: it was changed after it was written` };
  }
  return null;
}

interface HeadRow extends Record<string, unknown> {
  last_sequence: bigint | number | string;
  last_hash: string | null;
  max_sequence: bigint | number | string | null;
}

async function readHead(prisma: PrismaClient): Promise<{ lastSequence: bigint; lastHash: string | null; problem: Break | null } | null> {
  const [row] = await prisma.$queryRaw<
    HeadRow[]
  >`SELECT last_sequence, last_hash, (SELECT max(sequence) FROM audit_event) AS max_sequence FROM audit_chain WHERE id = 1`;
  if (!row) return null;
  const lastSequence = BigInt(row.last_sequence);
  const maxSequence = row.max_sequence === null ? null : BigInt(row.max_sequence);
  const problem: Break | null =
    maxSequence !== null && maxSequence > lastSequence
      ? {
          sequence: maxSequence.toString(),
          eventId: null,
          reason: 'HEAD_MISMATCH',
          message: `row ${maxSequence} lies beyond the chain head (${lastSequence}): it was not appended through the chain`,
        }
      : null;
  return { lastSequence, lastHash: row.last_hash, problem };
}
