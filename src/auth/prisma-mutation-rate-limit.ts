import type { PrismaClient } from '../generated/prisma/client';
import { OrgqlError } from '../domain/errors';

export interface RateLimitSettings {
  /** Mutations per minute per identity, sustained. */
  readonly perMinute: number;
  /** How many may be sent at once before the rate applies. */
  readonly burst: number;
}

interface Row extends Record<string, unknown> {
  taken: number | null;
  available: number | null;
}

/** Buckets untouched for this long are full again and are deleted now and then. */
const IDLE_SECONDS = 3600;
const PRUNE_EVERY = 1000;

/**
 * Per-identity token buckets for mutation attempts, in PostgreSQL, so that every gateway process on
 * the database applies one limit (2 replicas allow the configured rate, not twice it). Each check is
 * one statement: the upsert refills the bucket by the time since its last use (the database clock,
 * the same for every replica) and takes a token only if one is there; the row lock orders
 * concurrent checks of one identity. The limit protects the Organizations API's small write quotas
 * (AWS: "Quotas for AWS Organizations", 2 per second for policy changes) from one runaway caller.
 */
export function createMutationRateLimiter(prisma: PrismaClient, settings: RateLimitSettings): (identity: string) => Promise<void> {
  const rate = settings.perMinute / 60;
  const burst = settings.burst;
  let checks = 0;
  return async function take(identity: string): Promise<void> {
    // The main SELECT sees the bucket as it was before the upsert (a data-modifying CTE's changes
    // are not visible to the rest of its statement): with no token taken, it says how many there were.
    const [row] = await prisma.$queryRaw<Row[]>`
      WITH taken AS (
        INSERT INTO mutation_rate_bucket AS b (identity, tokens, updated_at)
        VALUES (${identity}, ${burst - 1}::float8, statement_timestamp())
        ON CONFLICT (identity) DO UPDATE
          SET tokens = LEAST(${burst}::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM statement_timestamp() - b.updated_at)) * ${rate}::float8) - 1,
              updated_at = statement_timestamp()
          WHERE LEAST(${burst}::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM statement_timestamp() - b.updated_at)) * ${rate}::float8) >= 1
        RETURNING tokens)
      SELECT (SELECT tokens FROM taken)::float8 AS taken,
             (SELECT LEAST(${burst}::float8, tokens + GREATEST(0, EXTRACT(EPOCH FROM statement_timestamp() - updated_at)) * ${rate}::float8)
                FROM mutation_rate_bucket WHERE identity = ${identity})::float8 AS available`;
    if ((checks += 1) % PRUNE_EVERY === 0) {
      await prisma.$executeRaw`DELETE FROM mutation_rate_bucket WHERE updated_at < statement_timestamp() - make_interval(secs => ${IDLE_SECONDS}::float8)`;
    }
    if (row?.taken !== null && row?.taken !== undefined) return;
    const available = Number(row?.available ?? 0);
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - available) / rate));
    throw new OrgqlError('RATE_LIMITED', `Too many changes; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  };
}
