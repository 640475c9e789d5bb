-- Replicas cache verified API keys for a few seconds and drop a key when they hear its id on the
-- channel orgql_api_keys (src/auth/api-key-store.ts, API_KEY_CHANNEL). The gateway and the CLI
-- used to send that notification themselves, so a key revoked any other way (an operator's UPDATE
-- or DELETE in psql) stayed usable on every replica until its cache entry expired. The database
-- now sends it for every change of a key that can matter to a cache: revocation, a new secret or
-- role, deletion. NOTIFY is delivered when the transaction commits, and not at all if it rolls back.
CREATE FUNCTION "api_key_notify"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('orgql_api_keys', OLD."key_id");
    RETURN NULL;
END
$$;

CREATE TRIGGER "api_key_changed"
    AFTER UPDATE OF "revoked_at", "secret_hash", "role", "key_id" OR DELETE ON "api_key"
    FOR EACH ROW EXECUTE FUNCTION "api_key_notify"();
