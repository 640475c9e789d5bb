import type { Logger } from 'pino';
import type { PrismaClient } from '../../generated/prisma/client';
import type { AuditEventRecord } from '../../domain/audit-log';
import { nodeIdKind } from '../../domain/node-id';
import type { AuditRecorder, OrganizationsReader } from '../../domain/ports';
import type { IdempotencyStore } from '../../domain/idempotency';
import { toAuditRecord } from '../to-audit-record';
import { RECONCILE_CHECKS } from './reconcile-checks';
import type { ReconcileCheck, Verdict } from './verdict';

/**
 * Upstream's own record of a call, consulted before the state checks: a CloudTrail event whose
 * requestID is the intent's upstream request id (or that is otherwise matched to it) says for
 * certain whether the call was applied (no `errorCode`) or refused. The events engineer's feed
 * plugs in here; without it the verdict rests on the state before and now.
 */
export interface CallEvidence {
  verdictFor(intent: AuditEventRecord, result: AuditEventRecord | null): Promise<Verdict | undefined>;
}

export interface ReconcilerOptions {
  /** An intent (or UNKNOWN result) younger than this may still be in flight upstream: leave it alone. */
  readonly graceMs: number;
  readonly checks?: Readonly<Record<string, ReconcileCheck>>;
  readonly evidence?: CallEvidence;
}

export interface ReconcileReport {
  readonly resolved: Array<{ readonly intentId: string; readonly outcome: Verdict['outcome']; readonly reason: string }>;
  /** Intents whose check failed transiently (e.g. upstream unavailable) or stayed UNKNOWN: tried again next pass. */
  readonly deferred: number;
}

const BATCH = 200;

/**
 * Settles what the gateway could not: intents left without a result (the process died between the
 * intent and the result) and results that said UNKNOWN (the answer was lost). The verdict comes from
 * upstream's record of the call when there is one, otherwise from the state now compared with the
 * state before on the intent. A dangling intent gets its RESULT; an UNKNOWN result gets a RESOLUTION
 * pointing at the intent (nothing is rewritten). Unique indexes let only one of each in, whichever
 * process reconciles. A settled idempotency key is completed (SUCCEEDED) or freed (FAILED).
 */
export class Reconciler {
  /** Dangling intents at or below this sequence are known resolved: later passes start after it. */
  private floor = 0n;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly recorder: AuditRecorder,
    private readonly idempotency: IdempotencyStore,
    private readonly organizations: OrganizationsReader,
    private readonly logger: Logger,
    private readonly options: ReconcilerOptions,
  ) {}

  async runOnce(): Promise<ReconcileReport> {
    const report: { resolved: ReconcileReport['resolved']; deferred: number } = { resolved: [], deferred: 0 };
    await this.settleDanglingIntents(report);
    await this.settleUnknownResults(report);
    await this.settleUnfinishedKeys();
    return report;
  }

  /**
   * Idempotency keys left unfinished although their call's outcome is on record (the gateway could
   * not store the result after retrying, or died just after writing it): SUCCEEDED completes the
   * key, so that a retry replays instead of running the change twice; FAILED frees it.
   */
  private async settleUnfinishedKeys(): Promise<void> {
    const cutoff = new Date(Date.now() - this.options.graceMs);
    const keys = await this.prisma.$queryRaw<Array<{ intent_id: string }>>`
      SELECT i.id::text AS intent_id
      FROM idempotency_record k
      JOIN audit_event i ON i.kind = 'INTENT' AND i.actor_id = k.actor_id AND i.operation = k.operation
        AND i.idempotency_key = k.key AND i.occurred_at >= k.created_at
      WHERE k.completed_at IS NULL AND k.created_at < ${cutoff}
      LIMIT ${BATCH}`;
    for (const { intent_id: intentId } of keys) {
      const rows = await this.prisma.auditEvent.findMany({ where: { OR: [{ id: intentId }, { intentId }] }, orderBy: { sequence: 'asc' } });
      const intent = rows.find((r) => r.kind === 'INTENT');
      const final = rows.find((r) => r.kind === 'RESOLUTION') ?? rows.find((r) => r.kind === 'RESULT');
      if (!intent || !final || intent.idempotencyKey === null || (final.outcome !== 'SUCCEEDED' && final.outcome !== 'FAILED')) continue;
      const record = toAuditRecord(intent);
      // The value to replay, as upstream shows it now; null when it cannot be read (void changes have none).
      const value =
        final.outcome === 'SUCCEEDED'
          ? await this.check(record).then(
              (v) => v.value,
              () => undefined,
            )
          : undefined;
      const scope = { actorId: intent.actorId, operation: intent.operation, key: intent.idempotencyKey };
      await this.idempotency
        .settle(scope, record, final.outcome, value)
        .catch((err) => this.logger.error({ err, intentId }, 'idempotency key could not be settled'));
    }
  }

  private async settleDanglingIntents(report: { resolved: ReconcileReport['resolved']; deferred: number }): Promise<void> {
    const cutoff = new Date(Date.now() - this.options.graceMs);
    let nextFloor: bigint | undefined;
    let after = this.floor;
    for (;;) {
      const rows = await this.prisma.auditEvent.findMany({
        where: { kind: 'INTENT', sequence: { gt: after }, results: { none: {} } },
        orderBy: { sequence: 'asc' },
        take: BATCH,
      });
      for (const row of rows) {
        // Strictly younger: rows carry the database time in whole milliseconds, so with no grace an intent
        // appended in the same millisecond as the pass began is already old enough.
        if (row.occurredAt > cutoff) {
          nextFloor ??= row.sequence - 1n;
          continue;
        }
        const resolved = await this.settle(toAuditRecord(row), null);
        if (resolved) report.resolved.push(resolved);
        else {
          report.deferred += 1;
          nextFloor ??= row.sequence - 1n;
        }
      }
      if (rows.length < BATCH) {
        if (rows.length > 0) nextFloor ??= rows[rows.length - 1]!.sequence;
        break;
      }
      after = rows[rows.length - 1]!.sequence;
    }
    if (nextFloor !== undefined && nextFloor > this.floor) this.floor = nextFloor;
  }

  /** UNKNOWN results without a resolution, oldest first; a verdict that is still UNKNOWN is tried again next pass. */
  private async settleUnknownResults(report: { resolved: ReconcileReport['resolved']; deferred: number }): Promise<void> {
    const cutoff = new Date(Date.now() - this.options.graceMs);
    const rows = await this.prisma.auditEvent.findMany({
      where: { kind: 'RESULT', outcome: 'UNKNOWN', occurredAt: { lt: cutoff }, intent: { results: { none: { kind: 'RESOLUTION' } } } },
      include: { intent: true },
      orderBy: { sequence: 'asc' },
      take: BATCH,
    });
    for (const row of rows) {
      if (!row.intent) continue;
      const resolved = await this.settle(toAuditRecord(row.intent), toAuditRecord(row));
      if (resolved && resolved.outcome !== 'UNKNOWN') report.resolved.push(resolved);
      else report.deferred += 1;
    }
  }

  private async settle(intent: AuditEventRecord, unknownResult: AuditEventRecord | null): Promise<ReconcileReport['resolved'][number] | null> {
    let verdict: Verdict;
    try {
      const evidence = await this.options.evidence?.verdictFor(intent, unknownResult);
      verdict = evidence ?? (await this.check(intent));
      // Upstream's record says the call was made; the value a creation made (its id, replayed to a retry) is read as the check reads it.
      if (evidence?.outcome === 'SUCCEEDED' && evidence.value === undefined) {
        const value = await this.check(intent).then(
          (v) => v.value,
          () => undefined,
        );
        if (value !== undefined) verdict = { ...evidence, value };
      }
    } catch (error) {
      this.logger.warn({ err: error, intentId: intent.id, operation: intent.operation }, 'audit intent could not be checked upstream; will retry');
      return null;
    }
    // An UNKNOWN result stays as it is until there is something new to say.
    if (unknownResult && verdict.outcome === 'UNKNOWN') return { intentId: intent.id, outcome: 'UNKNOWN', reason: verdict.reason };
    const reconciliation = `reconciler: ${verdict.reason}`;
    const outcome =
      verdict.outcome === 'SUCCEEDED'
        ? { outcome: 'SUCCEEDED' as const, upstreamRequestId: unknownResult?.upstreamRequestId ?? undefined, reconciliation, ...createdIds(verdict.value) }
        : { outcome: verdict.outcome, errorCode: 'RECONCILED', errorMessage: verdict.reason, reconciliation };
    try {
      if (unknownResult) await this.recorder.recordResolution(intent.id, outcome);
      else await this.recorder.recordResult(intent.id, outcome);
    } catch (error) {
      // Another process settled it first (unique result/resolution per intent), or the database is away.
      this.logger.info({ err: error, intentId: intent.id }, 'audit intent not settled by this process');
      return null;
    }
    if (intent.idempotencyKey !== null && verdict.outcome !== 'UNKNOWN') {
      const scope = { actorId: intent.actor.id, operation: intent.operation, key: intent.idempotencyKey };
      await this.idempotency
        .settle(scope, intent, verdict.outcome, verdict.value)
        .catch((err) => this.logger.error({ err, intentId: intent.id }, 'idempotency key could not be settled'));
    }
    this.logger.warn(
      {
        intentId: intent.id,
        operation: intent.operation,
        outcome: verdict.outcome,
        reason: verdict.reason,
        settled: unknownResult ? 'UNKNOWN result' : 'dangling intent',
      },
      'dangling audit intent reconciled',
    );
    return { intentId: intent.id, outcome: verdict.outcome, reason: verdict.reason };
  }

  private check(intent: AuditEventRecord): Promise<Verdict> {
    const checks: Readonly<Record<string, ReconcileCheck>> = this.options.checks ?? RECONCILE_CHECKS;
    const check = Object.hasOwn(checks, intent.operation) ? checks[intent.operation] : undefined;
    // Refused before anything was sent (upstreamAction None: role, rate limit) cannot have happened.
    if (intent.upstreamAction === 'None') return Promise.resolve({ outcome: 'FAILED', reason: 'the attempt was refused before anything was sent upstream' });
    return check
      ? check(intent, this.organizations)
      : Promise.resolve({ outcome: 'UNKNOWN', reason: `no reconciliation check exists for ${intent.operation} yet` });
  }
}

/** The id of what a creation made (a policy or an OU), for the row's policyId/targetId as the gateway records them. */
function createdIds(value: unknown): { policyId?: string; targetId?: string } {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  if (typeof id !== 'string') return {};
  return nodeIdKind(id) === 'POLICY' ? { policyId: id, targetId: id } : { targetId: id };
}
