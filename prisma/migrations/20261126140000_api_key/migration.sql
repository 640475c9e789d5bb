-- CreateTable
CREATE TABLE "api_key" (
    "key_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("key_id")
);

-- CreateIndex
CREATE INDEX "api_key_name_idx" ON "api_key"("name");

-- One active key per name, so `orgql apikey revoke NAME` is unambiguous.
CREATE UNIQUE INDEX "api_key_active_name_key" ON "api_key"("name") WHERE "revoked_at" IS NULL;

-- Roles are checked by the application; the database refuses anything else as well.
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_role_check" CHECK ("role" IN ('viewer', 'editor', 'auditor', 'admin'));
