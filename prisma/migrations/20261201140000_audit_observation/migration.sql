-- Issue 10, item 6: a change orgql did not make (found by the org mirror from an Organizations event
-- or a refresh) is ONE row, an OBSERVATION, instead of an intent and a result that never were a
-- promise. It stands alone (no intent_id), outcome SUCCEEDED, with the caller's identity, the
-- CloudTrail event name and request id, and the state before and after.
--
-- Rows already written as INTENT + RESULT pairs for such changes stay as they are: the chain is
-- append-only and their hashes do not depend on this type's values. The app role of migration
-- 20261201111000_app_role appends through audit_append only, which takes any kind the column takes.
ALTER TYPE "AuditEntryKind" ADD VALUE 'OBSERVATION';
