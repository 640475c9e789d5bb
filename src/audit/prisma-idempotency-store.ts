import { createHash } from 'node:crypto';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { IdempotencyClaim, IdempotencyScope, IdempotencyStore } from '../domain/idempotency';
import { canonicalJson, toJsonValue } from './canonical-json';

/**
 * Idempotency records in PostgreSQL. The primary key (actor, operation, key) decides races: of two
 * concurrent claims, one inserts and the other finds the row. A claim that never completed (the
 * process died mid-call) is taken over once it is older than `staleAfterMs`.
 */
export class PrismaIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly staleAfterMs = 10 * 60_000,
  ) {}

  async claim(scope: IdempotencyScope, args: Readonly<Record<string, unknown>>): Promise<IdempotencyClaim> {
    const requestHash = createHash('sha256').update(canonicalJson(toJsonValue(args)), 'utf8').digest('hex');
    // Twice: a row released between our insert attempt and our read is claimed on the second pass.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const claimed = await this.prisma.$queryRaw<Array<{ key: string }>>`
        INSERT INTO idempotency_record (actor_id, operation, key, request_hash, created_at)
        VALUES (${scope.actorId}, ${scope.operation}, ${scope.key}, ${requestHash}, now())
        ON CONFLICT (actor_id, operation, key) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at
          WHERE idempotency_record.completed_at IS NULL
            AND idempotency_record.created_at < now() - make_interval(secs => ${this.staleAfterMs / 1000}::float8)
        RETURNING key`;
      if (claimed.length > 0) return { kind: 'claimed' };
      const existing = await this.prisma.idempotencyRecord.findUnique({ where: { actorId_operation_key: scope } });
      if (!existing) continue;
      if (existing.requestHash !== requestHash) return { kind: 'mismatch' };
      if (existing.completedAt === null || existing.auditEventId === null) return { kind: 'in-progress' };
      return { kind: 'replay', auditEventId: existing.auditEventId, response: existing.response };
    }
    return { kind: 'in-progress' };
  }

  async complete(scope: IdempotencyScope, auditEventId: string, response: unknown): Promise<void> {
    await this.prisma.idempotencyRecord.update({
      where: { actorId_operation_key: scope },
      data: { completedAt: new Date(), auditEventId, response: responseJson(response) },
    });
  }

  async release(scope: IdempotencyScope): Promise<void> {
    await this.prisma.idempotencyRecord.deleteMany({ where: { ...scope, completedAt: null } });
  }

  /** Frees the keys of calls that died before finishing (called by the reconciler). */
  async releaseUnfinished(scopes: readonly IdempotencyScope[]): Promise<void> {
    for (const scope of scopes) await this.release(scope);
  }
}

function responseJson(response: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  const json = toJsonValue(response);
  // A mutation without a value (void) is stored as SQL NULL and replayed as null.
  return json === undefined || json === null ? Prisma.DbNull : (json as Prisma.InputJsonValue);
}
