-- Issue 11, item 8: one round trip per audit append. The gateway used to lock the chain head, read
-- it, insert the row and move the head in four statements of one transaction, holding the lock over
-- every round trip. audit_append does it in one call: the lock is held only while the server works.
--
-- The row hash keeps its definition (src/audit/row-hash.ts): SHA-256 of the row's canonical JSON.
-- The gateway sends that JSON cut at the three values only the chain knows, in key order
-- (occurredAt, prevHash, sequence); this function puts the values, as JSON strings, between the
-- pieces and hashes the bytes. The result is the very text the gateway (and verification) hashes.
--
-- The transaction commits without waiting for the disk (synchronous_commit off for it alone), so the
-- head lock is released as soon as the row is in the WAL buffers instead of after a flush: writers
-- queue on the lock for microseconds, not for an fsync each. The chain stays consistent after a
-- crash, because the WAL is replayed as a prefix: a row survives only if every row it links to
-- does. A caller that needs the row on disk before going on (an intent, before the upstream call)
-- then commits any transaction synchronously, which flushes the WAL up to that point, outside the
-- lock, sharing one flush with every writer waiting at the same time (src/audit/append-to-chain.ts).
--
-- p_row holds the other columns by name (snake_case); columns it leaves out take their defaults.
-- SECURITY DEFINER: the function runs as the tables' owner, so a role allowed only to call it (see
-- the next migration) can extend the chain but can neither write rows around it nor move the head.
CREATE FUNCTION "audit_append"(
    p_row JSONB,
    p_json_head TEXT,
    p_json_after_time TEXT,
    p_json_after_prev TEXT,
    p_json_tail TEXT,
    OUT appended_sequence BIGINT,
    OUT appended_at TIMESTAMPTZ,
    OUT appended_hash TEXT
) LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    v_columns TEXT;
    v_insert TEXT;
    v_head "audit_chain"%ROWTYPE;
    v_prev TEXT;
BEGIN
    -- Built before the lock is taken: the lock covers only the chain's own work.
    SELECT string_agg(quote_ident(k), ', ') INTO v_columns FROM jsonb_object_keys(p_row) AS k;
    v_insert := format(
        'INSERT INTO "audit_event" (%1$s, "sequence", "occurred_at", "prev_hash", "row_hash") '
        'SELECT %1$s, $2, $3, $4, $5 FROM jsonb_populate_record(NULL::"audit_event", $1)',
        v_columns);

    SELECT * INTO v_head FROM "audit_chain" WHERE "id" = 1 FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'audit_chain has no head row; the audit migrations have not been applied';
    END IF;
    appended_sequence := v_head."last_sequence" + 1;
    -- The database clock, kept non-decreasing along the chain, so a time range is a sequence range.
    appended_at := greatest(date_trunc('milliseconds', clock_timestamp()), v_head."last_occurred_at");
    v_prev := coalesce(v_head."last_hash", repeat('0', 64));
    appended_hash := encode(sha256(convert_to(
        p_json_head || '"' || to_char(appended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'
        || p_json_after_time || '"' || v_prev || '"'
        || p_json_after_prev || '"' || appended_sequence::TEXT || '"'
        || p_json_tail, 'UTF8')), 'hex');

    PERFORM set_config('synchronous_commit', 'off', true);
    EXECUTE v_insert USING p_row, appended_sequence, appended_at, v_prev, appended_hash;
    UPDATE "audit_chain"
       SET "last_sequence" = appended_sequence, "last_hash" = appended_hash, "last_occurred_at" = appended_at
     WHERE "id" = 1;
END
$$;

-- Functions are executable by PUBLIC by default; appending is granted by name only.
REVOKE ALL ON FUNCTION "audit_append"(JSONB, TEXT, TEXT, TEXT, TEXT) FROM PUBLIC;
