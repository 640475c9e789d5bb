-- The org mirror (src/mirror): records of the organization with the version that last changed them.
CREATE TABLE "mirror_entity" (
    "kind" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "data" JSONB,
    "version" BIGINT NOT NULL,

    CONSTRAINT "mirror_entity_pkey" PRIMARY KEY ("kind", "id")
);

-- Replicas pull "every record above my version".
CREATE INDEX "mirror_entity_version_idx" ON "mirror_entity"("version");

-- The mirror's head: a single row, locked while a new version is written.
CREATE TABLE "mirror_state" (
    "id" SMALLINT NOT NULL,
    "version" BIGINT NOT NULL,
    "synced_at" TIMESTAMPTZ(3),
    "tags_synced_at" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL,
    "last_error" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mirror_state_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "mirror_state_single_row" CHECK ("id" = 1)
);

INSERT INTO "mirror_state" ("id", "version", "status") VALUES (1, 0, 'EMPTY');
