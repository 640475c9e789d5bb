import { createHash, randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { IdempotencyClaim, IdempotencyScope, IdempotencyStore } from '../domain/idempotency';
import { canonicalJson, toJsonValue } from './canonical-json';

/**
 * Idempotency records in PostgreSQL. The primary key (actor, operation, key) decides races: of two
 * concurrent claims, one inserts and the other finds the row. Each claim carries an owner token;
 * only that claim completes or releases the key. A claim is never taken over while its change may
 * have happened: an unfinished claim is taken over only when it is older than `staleAfterMs` AND no
 * intent was recorded for it (the process died before sending anything). A claim whose intent
 * exists is settled by the reconciler from the intent's outcome (settle()).
 */
export class PrismaIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly staleAfterMs = 10 * 60_000,
  ) {}

  async claim(scope: IdempotencyScope, args: Readonly<Record<string, unknown>>): Promise<IdempotencyClaim> {
    const requestHash = createHash('sha256')
      .update(canonicalJson(toJsonValue(args)), 'utf8')
      .digest('hex');
    // Twice: a row released between our insert attempt and our read is claimed on the second pass.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const ownerToken = randomUUID();
      const claimed = await this.prisma.$queryRaw<Array<{ key: string }>>`
        INSERT INTO idempotency_record (actor_id, operation, key, request_hash, created_at, owner_token)
        VALUES (${scope.actorId}, ${scope.operation}, ${scope.key}, ${requestHash}, now(), ${ownerToken}::uuid)
        ON CONFLICT (actor_id, operation, key) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at, owner_token = EXCLUDED.owner_token
          WHERE idempotency_record.completed_at IS NULL
            AND idempotency_record.created_at < now() - make_interval(secs => ${this.staleAfterMs / 1000}::float8)
            AND NOT EXISTS (
              SELECT 1 FROM audit_event e
              WHERE e.kind = 'INTENT' AND e.actor_id = idempotency_record.actor_id AND e.operation = idempotency_record.operation
                AND e.idempotency_key = idempotency_record.key AND e.occurred_at >= idempotency_record.created_at)
        RETURNING key`;
      if (claimed.length > 0) return { kind: 'claimed', ownerToken };
      const existing = await this.prisma.idempotencyRecord.findUnique({ where: { actorId_operation_key: scope } });
      if (!existing) continue;
      if (existing.requestHash !== requestHash) return { kind: 'mismatch' };
      if (existing.completedAt === null || existing.auditEventId === null) return { kind: 'in-progress' };
      return { kind: 'replay', auditEventId: existing.auditEventId, response: existing.response };
    }
    return { kind: 'in-progress' };
  }

  async complete(scope: IdempotencyScope, ownerToken: string, auditEventId: string, response: unknown): Promise<void> {
    await this.prisma.idempotencyRecord.updateMany({
      where: { ...scope, ownerToken, completedAt: null },
      data: { completedAt: new Date(), auditEventId, response: responseJson(response) },
    });
  }

  async release(scope: IdempotencyScope, ownerToken: string): Promise<void> {
    await this.prisma.idempotencyRecord.deleteMany({ where: { ...scope, ownerToken, completedAt: null } });
  }

  async settle(
    scope: IdempotencyScope,
    intent: { readonly id: string; readonly occurredAt: Date },
    outcome: 'SUCCEEDED' | 'FAILED',
    response: unknown,
  ): Promise<void> {
    // The claim that wrote this intent was made before it; a later claim (after a takeover) is not touched.
    const where = { ...scope, completedAt: null, createdAt: { lte: intent.occurredAt } };
    if (outcome === 'SUCCEEDED') {
      await this.prisma.idempotencyRecord.updateMany({ where, data: { completedAt: new Date(), auditEventId: intent.id, response: responseJson(response) } });
    } else {
      await this.prisma.idempotencyRecord.deleteMany({ where });
    }
  }
}

function responseJson(response: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  const json = toJsonValue(response);
  // A mutation without a value (void) is stored as SQL NULL and replayed as null.
  return json === undefined || json === null ? Prisma.DbNull : (json as Prisma.InputJsonValue);
}
