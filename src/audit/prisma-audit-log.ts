import type { PrismaClient } from '../generated/prisma/client';
import type {
  AuditEventRecord,
  AuditFilter,
  AuditGroupBy,
  AuditLogReader,
  AuditPage,
  AuditSummaryGroup,
  ChainVerification,
  PolicyVersion,
  TargetChange,
} from '../domain/audit-log';
import { auditWhere } from './audit-where';
import { policyHistory, targetHistory } from './audit-history';
import { sequenceRange } from './sequence-range';
import { summarize } from './summarize';
import { toAuditRecord } from './to-audit-record';
import { verifyChain } from './verify-chain';

/** The audit log's read side over Prisma. Pages are keyset pages on sequence, newest first. */
export class PrismaAuditLog implements AuditLogReader {
  constructor(private readonly prisma: PrismaClient) {}

  async list(filter: AuditFilter, first: number, afterSequence: string | undefined): Promise<AuditPage> {
    const range = await sequenceRange(this.prisma, filter.from, filter.to);
    if (range.empty) return { events: [], hasNextPage: false };
    const rows = await this.prisma.auditEvent.findMany({
      where: auditWhere(filter, range, afterSequence === undefined ? undefined : BigInt(afterSequence)),
      orderBy: { sequence: 'desc' },
      take: first + 1,
    });
    return { events: rows.slice(0, first).map(toAuditRecord), hasNextPage: rows.length > first };
  }

  async count(filter: AuditFilter): Promise<number> {
    const range = await sequenceRange(this.prisma, filter.from, filter.to);
    return range.empty ? 0 : this.prisma.auditEvent.count({ where: auditWhere(filter, range) });
  }

  async get(id: string): Promise<AuditEventRecord | null> {
    if (!isUuid(id)) return null;
    const row = await this.prisma.auditEvent.findUnique({ where: { id } });
    return row ? toAuditRecord(row) : null;
  }

  async resultOf(intentId: string): Promise<AuditEventRecord | null> {
    const row = await this.prisma.auditEvent.findFirst({ where: { intentId, kind: 'RESULT' } });
    return row ? toAuditRecord(row) : null;
  }

  async resolutionOf(intentId: string): Promise<AuditEventRecord | null> {
    const row = await this.prisma.auditEvent.findFirst({ where: { intentId, kind: 'RESOLUTION' } });
    return row ? toAuditRecord(row) : null;
  }

  policyHistory(policyId: string): Promise<PolicyVersion[]> {
    return policyHistory(this.prisma, policyId);
  }

  targetHistory(targetId: string): Promise<TargetChange[]> {
    return targetHistory(this.prisma, targetId);
  }

  summary(from: Date | undefined, to: Date | undefined, groupBy: AuditGroupBy): Promise<AuditSummaryGroup[]> {
    return summarize(this.prisma, from, to, groupBy);
  }

  verifyChain(from: Date | undefined, to: Date | undefined): Promise<ChainVerification> {
    return verifyChain(this.prisma, from, to);
  }
}

function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}
