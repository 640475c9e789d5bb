import type { Logger } from 'pino';
import type { PrismaClient } from '../../generated/prisma/client';
import type { AuditEventRecord } from '../../domain/audit-log';
import type { AuditRecorder, OrganizationsReader } from '../../domain/ports';
import type { IdempotencyStore } from '../../domain/idempotency';
import { toAuditRecord } from '../to-audit-record';
import { RECONCILE_CHECKS } from './reconcile-checks';
import type { Verdict } from './verdict';

export interface ReconcilerOptions {
  /** An intent younger than this may still be in flight in some gateway process: leave it alone. */
  readonly graceMs: number;
  readonly checks?: Readonly<Record<string, (intent: AuditEventRecord, organizations: OrganizationsReader) => Promise<Verdict>>>;
}

export interface ReconcileReport {
  readonly resolved: Array<{ readonly intentId: string; readonly outcome: Verdict['outcome']; readonly reason: string }>;
  /** Intents whose check failed transiently (e.g. upstream unavailable): tried again next pass. */
  readonly deferred: number;
}

const BATCH = 200;

/**
 * Resolves dangling intents: a process that died between the intent and the result left an intent
 * with no result. The upstream state tells whether the change happened; the verdict is appended as
 * the result, with `reconciliation` saying how it was reached. Several processes may reconcile at
 * once: the unique index on a result's intent_id lets only one result per intent in.
 */
export class Reconciler {
  /** Intents at or below this sequence are known resolved: later passes start after it. */
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
    const checks = this.options.checks ?? RECONCILE_CHECKS;
    const cutoff = new Date(Date.now() - this.options.graceMs);
    const report: { resolved: ReconcileReport['resolved']; deferred: number } = { resolved: [], deferred: 0 };
    let nextFloor: bigint | undefined;
    let after = this.floor;
    for (;;) {
      const rows = await this.prisma.auditEvent.findMany({
        where: { kind: 'INTENT', sequence: { gt: after }, results: { none: {} } },
        orderBy: { sequence: 'asc' },
        take: BATCH,
      });
      for (const row of rows) {
        if (row.occurredAt >= cutoff) {
          nextFloor ??= row.sequence - 1n;
          continue;
        }
        const intent = toAuditRecord(row);
        const resolved = await this.resolve(intent, checks);
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
    return report;
  }

  private async resolve(intent: AuditEventRecord, checks: NonNullable<ReconcilerOptions['checks']>): Promise<ReconcileReport['resolved'][number] | null> {
    const check = checks[intent.operation];
    let verdict: Verdict;
    try {
      verdict = check ? await check(intent, this.organizations) : { outcome: 'UNKNOWN', reason: `no reconciliation check exists for ${intent.operation} yet` };
    } catch (error) {
      this.logger.warn({ err: error, intentId: intent.id, operation: intent.operation }, 'dangling intent could not be checked upstream; will retry');
      return null;
    }
    const reconciliation = `reconciler: ${verdict.reason}`;
    try {
      await this.recorder.recordResult(
        intent.id,
        verdict.outcome === 'SUCCEEDED'
          ? { outcome: 'SUCCEEDED', upstreamRequestId: undefined, reconciliation }
          : { outcome: verdict.outcome, errorCode: 'RECONCILED', errorMessage: verdict.reason, reconciliation },
      );
    } catch (error) {
      // Another process resolved it first (unique result per intent), or the database is away.
      this.logger.info({ err: error, intentId: intent.id }, 'dangling intent not resolved by this process');
      return null;
    }
    if (intent.idempotencyKey !== null) {
      await this.idempotency.release({ actorId: intent.actor.id, operation: intent.operation, key: intent.idempotencyKey }).catch(() => undefined);
    }
    this.logger.warn({ intentId: intent.id, operation: intent.operation, outcome: verdict.outcome, reason: verdict.reason }, 'dangling audit intent reconciled');
    return { intentId: intent.id, outcome: verdict.outcome, reason: verdict.reason };
  }
}
