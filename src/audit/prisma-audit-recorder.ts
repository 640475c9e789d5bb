import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import type { AuditIntent, AuditRecorder, AuditResult } from '../domain/ports';

/**
 * The audit log over Prisma. Rows are only ever inserted: an intent row before the upstream call,
 * a result row after it, linked by `intentId`.
 */
export class PrismaAuditRecorder implements AuditRecorder {
  constructor(private readonly prisma: PrismaClient) {}

  async recordIntent(intent: AuditIntent): Promise<string> {
    const id = randomUUID();
    await this.prisma.auditEvent.create({
      data: {
        id,
        kind: 'INTENT',
        actorId: intent.actor.id,
        actorType: intent.actor.type,
        requestId: intent.requestId ?? null,
        operation: intent.operation,
        upstreamAction: intent.upstreamAction,
        targetType: intent.targetType ?? null,
        targetId: intent.targetId ?? null,
        arguments: intent.arguments as Prisma.InputJsonObject,
        outcome: 'PENDING',
      },
    });
    return id;
  }

  async recordResult(intentId: string, result: AuditResult): Promise<string> {
    const intent = await this.prisma.auditEvent.findUniqueOrThrow({ where: { id: intentId } });
    const id = randomUUID();
    await this.prisma.auditEvent.create({
      data: {
        id,
        kind: 'RESULT',
        intentId,
        actorId: intent.actorId,
        actorType: intent.actorType,
        requestId: intent.requestId,
        operation: intent.operation,
        upstreamAction: intent.upstreamAction,
        targetType: intent.targetType,
        targetId: intent.targetId,
        arguments: intent.arguments as Prisma.InputJsonValue,
        outcome: result.outcome,
        errorCode: result.outcome === 'SUCCEEDED' ? null : result.errorCode,
        errorMessage: result.outcome === 'SUCCEEDED' ? null : result.errorMessage,
        upstreamRequestId: result.upstreamRequestId ?? null,
      },
    });
    return id;
  }
}
