-- Role `events`: a credential that may only post Organizations change events (issue 10, item 6).
ALTER TABLE "api_key" DROP CONSTRAINT "api_key_role_check";
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_role_check" CHECK ("role" IN ('viewer', 'editor', 'auditor', 'admin', 'events'));

-- An event that echoes orgql's own change is recognised by its request id: look it up by index.
CREATE INDEX "audit_event_upstream_request_id_idx" ON "audit_event"("upstream_request_id");
