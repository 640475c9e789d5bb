import type { AuditFilter } from '../../domain/audit-log';
import type { AuditEventFilter, QueryResolvers } from '../../generated/graphql';
import { auditEventConnection } from './audit-connection';

const toDate = (value: Date | string | null | undefined): Date | undefined => (value === null || value === undefined ? undefined : new Date(value));

function toFilter(filter: AuditEventFilter | null | undefined): AuditFilter {
  if (!filter) return {};
  return {
    from: toDate(filter.from),
    to: toDate(filter.to),
    actor: filter.actor ?? undefined,
    operation: filter.operation ?? undefined,
    targetId: filter.targetId ?? undefined,
    policyId: filter.policyId ?? undefined,
    policyType: filter.policyType ?? undefined,
    outcome: filter.outcome ?? undefined,
    kind: filter.kind ?? undefined,
    origin: filter.origin ?? undefined,
  };
}

/** The audit section of Query: thin reads over the audit log port. */
export const AuditQuery: Pick<QueryResolvers, 'auditEvents' | 'auditEvent' | 'policyHistory' | 'targetHistory' | 'auditSummary' | 'verifyAuditChain'> = {
  auditEvents: (_parent, { filter, first, after }, ctx) => auditEventConnection(ctx.auditLog, toFilter(filter), first ?? 50, after ?? undefined),
  auditEvent: (_parent, { id }, ctx) => ctx.auditLog.get(id),
  policyHistory: (_parent, { policyId }, ctx) => ctx.auditLog.policyHistory(policyId),
  targetHistory: (_parent, { targetId }, ctx) => ctx.auditLog.targetHistory(targetId),
  auditSummary: (_parent, { from, to, groupBy }, ctx) => ctx.auditLog.summary(toDate(from), toDate(to), groupBy),
  verifyAuditChain: (_parent, { from, to }, ctx) => ctx.auditLog.verifyChain(toDate(from), toDate(to)),
};
