-- Issue 6: CloudTrail-shaped audit events, a tamper-evident hash chain, append-only enforcement,
-- idempotency keys for mutations and indexes for the reporting queries.

-- AlterTable: the CloudTrail-shaped fields the first migration did not have.
ALTER TABLE "audit_event"
    ADD COLUMN "actor_display_name" TEXT,
    ADD COLUMN "actor_auth_method" TEXT,
    ADD COLUMN "client_ip" TEXT,
    ADD COLUMN "user_agent" TEXT,
    ADD COLUMN "policy_id" TEXT,
    ADD COLUMN "policy_type" TEXT,
    ADD COLUMN "state_before" JSONB,
    ADD COLUMN "state_after" JSONB,
    ADD COLUMN "idempotency_key" TEXT,
    ADD COLUMN "reconciliation" TEXT,
    ADD COLUMN "prev_hash" TEXT,
    ADD COLUMN "row_hash" TEXT;

-- Rows written before this migration have no hash (they precede the chain); every new row must.
-- NOT VALID: enforced for new rows only, existing rows are not re-checked.
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_chained" CHECK ("row_hash" IS NOT NULL AND "prev_hash" IS NOT NULL) NOT VALID;

-- CreateTable: the head of the hash chain. Every append locks this one row (SELECT ... FOR UPDATE),
-- which orders writers from all gateway processes sharing the database into one chain.
CREATE TABLE "audit_chain" (
    "id" SMALLINT NOT NULL,
    "last_sequence" BIGINT NOT NULL,
    "last_hash" TEXT,
    "last_occurred_at" TIMESTAMPTZ(3),

    CONSTRAINT "audit_chain_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_chain_single_row" CHECK ("id" = 1)
);

INSERT INTO "audit_chain" ("id", "last_sequence", "last_hash", "last_occurred_at")
SELECT 1, COALESCE(MAX("sequence"), 0), NULL, MAX("occurred_at") FROM "audit_event";

-- CreateTable: idempotency keys, scoped per actor and operation.
CREATE TABLE "idempotency_record" (
    "actor_id" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    "audit_event_id" UUID,
    "response" JSONB,

    CONSTRAINT "idempotency_record_pkey" PRIMARY KEY ("actor_id", "operation", "key")
);

-- Indexes: every filter of auditEvents is an equality paired with the keyset order (sequence), so a
-- page is an index range scan read backwards; time ranges become sequence ranges (occurred_at never
-- decreases along the chain).
DROP INDEX "audit_event_target_id_occurred_at_idx";
CREATE INDEX "audit_event_target_id_sequence_idx" ON "audit_event"("target_id", "sequence" DESC);
CREATE INDEX "audit_event_actor_id_sequence_idx" ON "audit_event"("actor_id", "sequence" DESC);
CREATE INDEX "audit_event_operation_sequence_idx" ON "audit_event"("operation", "sequence" DESC);
CREATE INDEX "audit_event_policy_id_sequence_idx" ON "audit_event"("policy_id", "sequence" DESC);
CREATE INDEX "audit_event_policy_type_sequence_idx" ON "audit_event"("policy_type", "sequence" DESC);
CREATE INDEX "audit_event_outcome_sequence_idx" ON "audit_event"("outcome", "sequence" DESC);
-- One result per intent: the gateway and the reconciler (in any process) cannot both resolve one.
CREATE UNIQUE INDEX "audit_event_one_result_per_intent" ON "audit_event"("intent_id") WHERE "kind" = 'RESULT';

-- Append-only: history is never rewritten. A superuser can still disable these triggers; the hash
-- chain is what makes such an edit visible (verifyAuditChain).
CREATE FUNCTION "audit_reject_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "audit_event_append_only" BEFORE UPDATE OR DELETE ON "audit_event"
    FOR EACH ROW EXECUTE FUNCTION "audit_reject_change"();
CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_reject_change"();

-- The chain head moves forward only; it can be neither removed nor rewound.
CREATE FUNCTION "audit_chain_forward_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW."last_sequence" <= OLD."last_sequence" THEN
        RAISE EXCEPTION 'the audit chain head only moves forward (% -> %)', OLD."last_sequence", NEW."last_sequence"
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER "audit_chain_forward_only" BEFORE UPDATE ON "audit_chain"
    FOR EACH ROW EXECUTE FUNCTION "audit_chain_forward_only"();
CREATE TRIGGER "audit_chain_no_delete" BEFORE DELETE ON "audit_chain"
    FOR EACH ROW EXECUTE FUNCTION "audit_reject_change"();
CREATE TRIGGER "audit_chain_no_truncate" BEFORE TRUNCATE ON "audit_chain"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_reject_change"();
