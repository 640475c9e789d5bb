-- CreateEnum
CREATE TYPE "AuditEntryKind" AS ENUM ('INTENT', 'RESULT');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED', 'UNKNOWN');

-- CreateTable
CREATE TABLE "audit_event" (
    "id" UUID NOT NULL,
    "sequence" BIGSERIAL NOT NULL,
    "kind" "AuditEntryKind" NOT NULL,
    "intent_id" UUID,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" TEXT NOT NULL,
    "actor_type" TEXT NOT NULL,
    "request_id" TEXT,
    "operation" TEXT NOT NULL,
    "upstream_action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "arguments" JSONB NOT NULL,
    "outcome" "AuditOutcome" NOT NULL,
    "error_code" TEXT,
    "error_message" TEXT,
    "upstream_request_id" TEXT,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_event_sequence_key" ON "audit_event"("sequence");

-- CreateIndex
CREATE INDEX "audit_event_occurred_at_idx" ON "audit_event"("occurred_at" DESC);

-- CreateIndex
CREATE INDEX "audit_event_target_id_occurred_at_idx" ON "audit_event"("target_id", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "audit_event_intent_id_idx" ON "audit_event"("intent_id");

-- AddForeignKey
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_intent_id_fkey" FOREIGN KEY ("intent_id") REFERENCES "audit_event"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
