import type { AuditEvent } from '../generated/prisma/client';
import type { AuditEventRecord } from '../domain/audit-log';

export function toAuditRecord(row: AuditEvent): AuditEventRecord {
  return {
    id: row.id,
    sequence: row.sequence.toString(),
    kind: row.kind,
    intentId: row.intentId,
    occurredAt: row.occurredAt,
    actor: { id: row.actorId, type: row.actorType, displayName: row.actorDisplayName, authMethod: row.actorAuthMethod },
    clientIp: row.clientIp,
    userAgent: row.userAgent,
    requestId: row.requestId,
    operation: row.operation,
    upstreamAction: row.upstreamAction,
    targetType: row.targetType,
    targetId: row.targetId,
    policyId: row.policyId,
    policyType: row.policyType,
    arguments: row.arguments,
    stateBefore: row.stateBefore,
    stateAfter: row.stateAfter,
    idempotencyKey: row.idempotencyKey,
    outcome: row.outcome,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    upstreamRequestId: row.upstreamRequestId,
    reconciliation: row.reconciliation,
    prevHash: row.prevHash,
    rowHash: row.rowHash,
  };
}
