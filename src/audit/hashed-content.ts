import type { AuditEvent } from '../generated/prisma/client';
import type { HashedContent } from './row-hash';

/** The hashed content of a stored row (verification recomputes the hash from exactly this). */
export function hashedContentOf(row: AuditEvent, prevHash: string): HashedContent {
  return {
    id: row.id,
    sequence: row.sequence.toString(),
    kind: row.kind,
    intentId: row.intentId,
    occurredAt: row.occurredAt.toISOString(),
    actorId: row.actorId,
    actorType: row.actorType,
    actorDisplayName: row.actorDisplayName,
    actorAuthMethod: row.actorAuthMethod,
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
    prevHash,
  };
}
