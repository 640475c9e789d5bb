import { OUT_OF_BAND_OPERATION } from '../domain/audit-log';
import type { PrismaClient } from '../generated/prisma/client';
import type { AuditEventRecord } from '../domain/audit-log';
import { toAuditRecord } from './to-audit-record';

/**
 * Tells orgql's own changes from changes made outside it. CloudTrail's `requestID` of a call is the
 * request id the API answered orgql with, which orgql records as `upstreamRequestId` on the result
 * of its mutation (indexed: migration 20261201105000_events_role).
 */
export class OwnChangeLookup {
  constructor(private readonly prisma: PrismaClient) {}

  /** True when an orgql mutation recorded this upstream request id. */
  async isOwnRequest(upstreamRequestId: string): Promise<boolean> {
    const row = await this.prisma.auditEvent.findFirst({
      where: { upstreamRequestId, operation: { not: OUT_OF_BAND_OPERATION } },
      select: { id: true },
    });
    return row !== null;
  }

  /**
   * The orgql createAccount whose result recorded this create-account request id (`car-…`): its
   * completion (the CreateAccountResult service event) finishes orgql's own change.
   */
  async createAccountRequest(requestId: string): Promise<{ auditEventId: string; upstreamRequestId: string | undefined } | undefined> {
    const row = await this.prisma.auditEvent.findFirst({
      where: { operation: 'createAccount', outcome: 'SUCCEEDED', stateAfter: { path: ['createAccountStatus', 'id'], equals: requestId } },
      select: { id: true, intentId: true, upstreamRequestId: true },
    });
    return row ? { auditEventId: row.intentId ?? row.id, upstreamRequestId: row.upstreamRequestId ?? undefined } : undefined;
  }

  /**
   * How many orgql mutations calling `upstreamAction` started since `since` and have no result yet:
   * while one is in flight, an event for the same action may be its echo, whose request id is
   * recorded only when its result is written.
   */
  async unfinishedIntents(upstreamAction: string, since: Date): Promise<number> {
    return this.prisma.auditEvent.count({
      where: { kind: 'INTENT', upstreamAction, occurredAt: { gte: since }, operation: { not: OUT_OF_BAND_OPERATION }, results: { none: {} } },
    });
  }

  /**
   * orgql mutations calling `upstreamAction`, started between `since` and `until`, whose outcome
   * nobody knows: no result yet (in flight, or the process died) or an UNKNOWN result that no
   * resolution settled. With the upstream request id of the UNKNOWN result, when it had one.
   */
  async unsettledIntents(
    upstreamAction: string,
    since: Date,
    until: Date,
  ): Promise<Array<{ intent: AuditEventRecord; upstreamRequestId: string | undefined }>> {
    const rows = await this.prisma.auditEvent.findMany({
      where: {
        kind: 'INTENT',
        upstreamAction,
        occurredAt: { gte: since, lte: until },
        operation: { not: OUT_OF_BAND_OPERATION },
        OR: [
          { results: { none: {} } },
          { AND: [{ results: { some: { kind: 'RESULT', outcome: 'UNKNOWN' } } }, { results: { none: { kind: 'RESOLUTION' } } }] },
        ],
      },
      include: { results: { where: { kind: 'RESULT' }, select: { upstreamRequestId: true } } },
      orderBy: { sequence: 'asc' },
      take: 50,
    });
    return rows.map(({ results, ...row }) => ({ intent: toAuditRecord(row), upstreamRequestId: results[0]?.upstreamRequestId ?? undefined }));
  }
}
