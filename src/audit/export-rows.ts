import type { PrismaClient } from '../generated/prisma/client';
import type { AuditEventRecord, AuditFilter } from '../domain/audit-log';
import { auditWhere } from './audit-where';
import { sequenceRange } from './sequence-range';
import { toAuditRecord } from './to-audit-record';

const BATCH = 1_000;

/** The equality filters of an export (the console exports the view it shows); the time range is given apart. */
export type ExportFilter = Omit<AuditFilter, 'from' | 'to'>;

/**
 * Every row in [from, to] that matches `filter`, oldest first, read in keyset batches: memory holds
 * one batch however many rows there are, and a consumer that reads slowly (a slow HTTP client) pauses the reads.
 */
export async function* exportRows(
  prisma: PrismaClient,
  from: Date | undefined,
  to: Date | undefined,
  filter: ExportFilter = {},
): AsyncGenerator<AuditEventRecord> {
  const range = await sequenceRange(prisma, from, to);
  if (range.empty) return;
  let cursor = range.gte === undefined ? undefined : range.gte - 1n;
  // A fixed upper bound: rows appended during a long export belong to the next one.
  const upTo = range.lte ?? (await prisma.auditEvent.findFirst({ orderBy: { sequence: 'desc' }, select: { sequence: true } }))?.sequence;
  if (upTo === undefined) return;
  for (;;) {
    const rows = await prisma.auditEvent.findMany({
      where: { ...auditWhere(filter, { empty: false }), sequence: { ...(cursor === undefined ? {} : { gt: cursor }), lte: upTo } },
      orderBy: { sequence: 'asc' },
      take: BATCH,
    });
    for (const row of rows) yield toAuditRecord(row);
    if (rows.length < BATCH) return;
    cursor = rows[rows.length - 1]!.sequence;
  }
}
