import type { PrismaClient } from '../generated/prisma/client';

/** An inclusive range of sequence numbers; `empty` when no row can match. */
export type SequenceRange = { readonly empty: true } | { readonly empty: false; readonly gte?: bigint; readonly lte?: bigint };

/**
 * Turns a time range into a sequence range. occurred_at never decreases along the chain (the
 * appender takes the later of the clock and the previous row's time), so the rows at or after
 * `from` are exactly those from the first such row's sequence on: two index probes, after which
 * every query walks one (column, sequence) index.
 */
export async function sequenceRange(prisma: PrismaClient, from: Date | undefined, to: Date | undefined): Promise<SequenceRange> {
  let gte: bigint | undefined;
  let lte: bigint | undefined;
  if (from) {
    const first = await prisma.auditEvent.findFirst({
      where: { occurredAt: { gte: from } },
      orderBy: [{ occurredAt: 'asc' }, { sequence: 'asc' }],
      select: { sequence: true },
    });
    if (!first) return { empty: true };
    gte = first.sequence;
  }
  if (to) {
    const last = await prisma.auditEvent.findFirst({
      where: { occurredAt: { lte: to } },
      orderBy: [{ occurredAt: 'desc' }, { sequence: 'desc' }],
      select: { sequence: true },
    });
    if (!last) return { empty: true };
    lte = last.sequence;
  }
  if (gte !== undefined && lte !== undefined && gte > lte) return { empty: true };
  return { empty: false, gte, lte };
}
