-- Issue 11, item 7: least privilege. The gateway's database role should not own the tables: an owner
-- can disable the append-only triggers, rewrite rows and re-hash the chain. Migrations run as the
-- owner (ORGQL_MIGRATION_DATABASE_URL); the gateway connects as a role that is a member of the group
-- role orgql_app (DATABASE_URL), which may:
--   * audit_event, audit_chain: SELECT, and append through audit_append (SECURITY DEFINER) only:
--     no INSERT around the chain, no UPDATE, DELETE or TRUNCATE, no trigger changes (not the owner);
--   * every other table (idempotency keys, API keys, and tables later migrations add): read and write;
--   * _prisma_migrations: nothing.
-- Operator, once per server (README, "Least privilege"):
--   CREATE ROLE orgql_gateway LOGIN PASSWORD '...' IN ROLE orgql_app;
-- When the migrating role may not create roles (no CREATEROLE) and orgql_app does not exist yet,
-- the grants are skipped with a NOTICE; create the role, then run SELECT orgql_grant_app_privileges();
-- as the owner.

CREATE FUNCTION "orgql_grant_app_privileges"() RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE
    v_schema TEXT := current_schema();
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'orgql_app') THEN
        RAISE NOTICE 'role orgql_app does not exist: no privileges granted (see the README, "Least privilege")';
        RETURN FALSE;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO orgql_app', v_schema);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO orgql_app', v_schema);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO orgql_app', v_schema);
    -- Tables the owner creates later (later migrations) get the same, as the grant above.
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO orgql_app', v_schema);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO orgql_app', v_schema);
    -- The audit log: read, and append through the chain only.
    REVOKE ALL ON "audit_event", "audit_chain" FROM orgql_app;
    GRANT SELECT ON "audit_event", "audit_chain" TO orgql_app;
    REVOKE ALL ON SEQUENCE "audit_event_sequence_seq" FROM orgql_app;
    GRANT EXECUTE ON FUNCTION "audit_append"(JSONB, TEXT, TEXT, TEXT, TEXT) TO orgql_app;
    REVOKE ALL ON "_prisma_migrations" FROM orgql_app;
    RETURN TRUE;
END
$$;
REVOKE ALL ON FUNCTION "orgql_grant_app_privileges"() FROM PUBLIC;

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'orgql_app') THEN
        BEGIN
            CREATE ROLE orgql_app NOLOGIN;
        EXCEPTION
            -- Roles belong to the server: a migration of another database may have created it meanwhile.
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN NULL;
        END;
    END IF;
    PERFORM "orgql_grant_app_privileges"();
END
$$;
