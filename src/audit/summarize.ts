import type { PrismaClient } from '../generated/prisma/client';
import type { AuditGroupBy, AuditSummaryGroup } from '../domain/audit-log';
import { sequenceRange } from './sequence-range';

/** The grouping expression per groupBy: a fixed list, never caller text, so it can go into the SQL. */
const GROUP_KEY: Readonly<Record<AuditGroupBy, string>> = {
  DAY: `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  ACTOR: 'actor_id',
  OPERATION: 'operation',
  TARGET: `COALESCE(target_id, '')`,
};

interface Row extends Record<string, unknown> {
  key: string;
  attempts: bigint | number;
  succeeded: bigint | number;
  failed: bigint | number;
  unknown: bigint | number;
}

/**
 * Counts for reports: attempts are intents and observations (a change made outside orgql is one
 * row, its own attempt and outcome, as an older out-of-band intent and result pair counted); outcomes are counted from the results in the range, a
 * result that said UNKNOWN by its resolution instead when the reconciler has settled it.
 */
export async function summarize(prisma: PrismaClient, from: Date | undefined, to: Date | undefined, groupBy: AuditGroupBy): Promise<AuditSummaryGroup[]> {
  const range = await sequenceRange(prisma, from, to);
  if (range.empty) return [];
  const rows = await prisma.$queryRawUnsafe<Row[]>(
    `SELECT ${GROUP_KEY[groupBy]} AS key,
            count(*) FILTER (WHERE kind IN ('INTENT', 'OBSERVATION')) AS attempts,
            count(*) FILTER (WHERE outcome = 'SUCCEEDED' AND final) AS succeeded,
            count(*) FILTER (WHERE outcome = 'FAILED' AND final) AS failed,
            count(*) FILTER (WHERE outcome = 'UNKNOWN' AND final) AS unknown
     FROM (SELECT e.*, NOT (e.kind = 'RESULT' AND e.outcome = 'UNKNOWN' AND EXISTS (
             SELECT 1 FROM audit_event r WHERE r.intent_id = e.intent_id AND r.kind = 'RESOLUTION')) AS final
           FROM audit_event e) AS audit_event
     WHERE ($1::bigint IS NULL OR sequence >= $1::bigint) AND ($2::bigint IS NULL OR sequence <= $2::bigint)
     GROUP BY 1 ORDER BY 1`,
    range.gte ?? null,
    range.lte ?? null,
  );
  return rows.map((row) => ({
    key: row.key,
    attempts: Number(row.attempts),
    succeeded: Number(row.succeeded),
    failed: Number(row.failed),
    unknown: Number(row.unknown),
  }));
}
