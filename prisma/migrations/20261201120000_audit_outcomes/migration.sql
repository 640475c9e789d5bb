-- Issue 11: outcomes that mean what they say, idempotency keys with an owner, and a mutation rate
-- limit shared by every gateway process on this database.

-- A RESOLUTION settles an intent whose RESULT said UNKNOWN (the gateway lost the answer). The result
-- is never rewritten: the resolution is appended and points at the intent, like the result does.
ALTER TYPE "AuditEntryKind" ADD VALUE 'RESOLUTION';

-- One resolution per intent, whichever process reconciles it. A value added by ALTER TYPE cannot be
-- named before the transaction commits, so the predicate names the two kinds it is not.
CREATE UNIQUE INDEX "audit_event_one_resolution_per_intent" ON "audit_event"("intent_id")
    WHERE "kind" <> 'INTENT' AND "kind" <> 'RESULT';

-- The claim that owns an idempotency key: only its owner may release or complete it.
ALTER TABLE "idempotency_record" ADD COLUMN "owner_token" UUID;

-- Per-identity token buckets for mutations (src/audit/prisma-mutation-rate-limit.ts): one row per
-- identity, refilled and taken in one statement, so replicas share one limit.
CREATE TABLE "mutation_rate_bucket" (
    "identity" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "mutation_rate_bucket_pkey" PRIMARY KEY ("identity")
);
CREATE INDEX "mutation_rate_bucket_updated_at_idx" ON "mutation_rate_bucket"("updated_at");
