import type { PrismaClient } from '../generated/prisma/client';
import type { AuditIntent, AuditRecorder, AuditResult } from '../domain/ports';
import { appendToChain } from './append-to-chain';

/**
 * The audit log over Prisma. Rows are only ever inserted, each linked into the hash chain: an intent
 * row before the upstream call, a result row after it, linked by `intentId`. The result repeats the
 * intent's who/what/where so that each row reads on its own (as a CloudTrail event does).
 */
export class PrismaAuditRecorder implements AuditRecorder {
  constructor(private readonly prisma: PrismaClient) {}

  async recordIntent(intent: AuditIntent): Promise<string> {
    const row = await appendToChain(this.prisma, {
      kind: 'INTENT',
      intentId: null,
      actorId: intent.actor.id,
      actorType: intent.actor.type,
      actorDisplayName: intent.actor.displayName ?? null,
      actorAuthMethod: intent.actor.authMethod ?? null,
      clientIp: intent.clientIp ?? null,
      userAgent: intent.userAgent ?? null,
      requestId: intent.requestId ?? null,
      operation: intent.operation,
      upstreamAction: intent.upstreamAction,
      targetType: intent.targetType ?? null,
      targetId: intent.targetId ?? null,
      policyId: intent.policyId ?? null,
      policyType: intent.policyType ?? null,
      arguments: intent.arguments,
      stateBefore: intent.stateBefore,
      stateAfter: null,
      idempotencyKey: intent.idempotencyKey ?? null,
      outcome: 'PENDING',
      errorCode: null,
      errorMessage: null,
      upstreamRequestId: null,
      reconciliation: null,
    });
    return row.id;
  }

  async recordResult(intentId: string, result: AuditResult): Promise<string> {
    const intent = await this.prisma.auditEvent.findUniqueOrThrow({ where: { id: intentId } });
    const failed = result.outcome !== 'SUCCEEDED';
    const created = result.outcome === 'SUCCEEDED' ? result : undefined;
    const row = await appendToChain(this.prisma, {
      kind: 'RESULT',
      intentId,
      actorId: intent.actorId,
      actorType: intent.actorType,
      actorDisplayName: intent.actorDisplayName,
      actorAuthMethod: intent.actorAuthMethod,
      clientIp: intent.clientIp,
      userAgent: intent.userAgent,
      requestId: intent.requestId,
      operation: intent.operation,
      upstreamAction: intent.upstreamAction,
      targetType: intent.targetType,
      targetId: intent.targetId ?? created?.targetId ?? null,
      policyId: intent.policyId ?? created?.policyId ?? null,
      policyType: intent.policyType,
      arguments: intent.arguments,
      stateBefore: intent.stateBefore,
      stateAfter: result.outcome === 'SUCCEEDED' ? result.stateAfter : null,
      idempotencyKey: intent.idempotencyKey,
      outcome: result.outcome,
      errorCode: failed ? result.errorCode : null,
      errorMessage: failed ? result.errorMessage : null,
      upstreamRequestId: result.upstreamRequestId ?? null,
      reconciliation: result.reconciliation ?? null,
    });
    return row.id;
  }
}
