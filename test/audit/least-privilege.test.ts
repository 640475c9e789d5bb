import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openDatabase } from '../../src/database/database';
import { migrateDatabase } from '../../src/database/migrate';
import { PrismaAuditRecorder } from '../../src/audit/prisma-audit-recorder';
import { startTestGateway, type TestGateway } from '../support/gateway-harness';
import { runOrgql } from '../support/orgql-process';
import { describeOnPostgres } from '../support/on-postgres';

const serverUrl = process.env.DATABASE_URL;

function urlAs(role: string, database: string): string {
  // Jest still collects a skipped suite's body: without a server there is no URL to build.
  if (!serverUrl) return '';
  const url = new URL(serverUrl);
  url.username = role;
  url.password = '';
  url.pathname = `/${database}`;
  return url.toString();
}

async function asSuperuser(statements: string[]): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

// Two login roles need a PostgreSQL server (CI always has one); the embedded database has one user.
describeOnPostgres('least privilege: the gateway connects as a role that owns nothing', () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = `orgql_t_owner_${suffix}`;
  const gatewayRole = `orgql_t_gw_${suffix}`;
  const database = `orgql_t_lp_${suffix}`;
  const env = { DATABASE_URL: urlAs(gatewayRole, database), ORGQL_MIGRATION_DATABASE_URL: urlAs(owner, database) };
  let t: TestGateway;
  let asGateway: Client;
  let dataDir: string;

  beforeAll(async () => {
    await asSuperuser([`CREATE ROLE ${owner} LOGIN CREATEROLE`, `CREATE ROLE ${gatewayRole} LOGIN`, `CREATE DATABASE ${database} OWNER ${owner}`]);
    // The operator's steps (README, "Least privilege"): migrate as the owner, which creates the group
    // role orgql_app and its grants, then make the gateway's login role a member.
    const ownerDb = await openDatabase({ kind: 'postgres', url: env.ORGQL_MIGRATION_DATABASE_URL });
    await migrateDatabase(ownerDb).finally(() => ownerDb.close());
    await asSuperuser([`GRANT orgql_app TO ${gatewayRole}`]);
    dataDir = mkdtempSync(path.join(tmpdir(), 'orgql-test-'));
    const drop = async () => {
      await asSuperuser([`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`, `DROP ROLE IF EXISTS ${gatewayRole}`, `DROP ROLE IF EXISTS ${owner}`]);
      rmSync(dataDir, { recursive: true, force: true });
    };
    t = await startTestGateway(env, { database: { target: { kind: 'postgres', url: env.DATABASE_URL }, dataDir, drop } });
    asGateway = new Client({ connectionString: env.DATABASE_URL });
    await asGateway.connect();
  });
  afterAll(async () => {
    await asGateway?.end();
    await t?.close();
  });

  it('serves and audits mutations, with the tables owned by the migration role', async () => {
    const { tagResource } = await t.data(`mutation { tagResource(resourceId: "p-aioptoutall", tags: [{ key: "reviewed", value: "2026" }]) { auditEventId } }`);
    expect(tagResource.auditEventId).toMatch(/^[0-9a-f-]{36}$/);
    const { rows } = await asGateway.query(`SELECT tablename, tableowner FROM pg_tables WHERE tablename IN ('audit_event', 'audit_chain') ORDER BY tablename`);
    expect(rows).toEqual([
      { tablename: 'audit_chain', tableowner: owner },
      { tablename: 'audit_event', tableowner: owner },
    ]);
    const counted = await asGateway.query(`SELECT count(*)::int AS n FROM audit_event WHERE kind = 'RESULT' AND outcome = 'SUCCEEDED'`);
    expect(counted.rows[0].n).toBe(1);
  });

  it.each([
    ['update an audit row', `UPDATE audit_event SET actor_id = 'mallory'`, /permission denied for table audit_event/],
    ['delete audit rows', 'DELETE FROM audit_event', /permission denied for table audit_event/],
    ['truncate the audit log', 'TRUNCATE audit_event', /permission denied for table audit_event/],
    [
      'insert a row around the chain',
      `INSERT INTO audit_event (id, kind, actor_id, actor_type, operation, upstream_action, arguments, outcome, prev_hash, row_hash) VALUES (gen_random_uuid(), 'INTENT', 'm', 'API_KEY', 'x', 'X', '{}', 'PENDING', 'x', 'x')`,
      /permission denied for table audit_event/,
    ],
    ['move the chain head', 'UPDATE audit_chain SET last_sequence = last_sequence + 1', /permission denied for table audit_chain/],
    ['disable the append-only trigger', 'ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only', /must be owner of table audit_event/],
    ['disable every trigger', 'ALTER TABLE audit_event DISABLE TRIGGER ALL', /must be owner of table audit_event/],
    ['drop the trigger', 'DROP TRIGGER audit_event_append_only ON audit_event', /must be owner of (table|relation) audit_event/],
    ['skip triggers for the session', 'SET session_replication_role = replica', /permission denied to set parameter/],
    [
      'replace the trigger function',
      `CREATE OR REPLACE FUNCTION audit_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
      /must be owner of function audit_reject_change|permission denied for schema public/,
    ],
    [
      'replace the append function',
      `CREATE OR REPLACE FUNCTION audit_append(JSONB, TEXT, TEXT, TEXT, TEXT, OUT a BIGINT, OUT b TIMESTAMPTZ, OUT c TEXT) LANGUAGE sql AS $$ SELECT 1::bigint, now(), '' $$`,
      /must be owner of function audit_append|permission denied for schema public/,
    ],
    ['drop the audit table', 'DROP TABLE audit_event', /must be owner of table audit_event/],
  ])('the gateway role cannot %s', async (_what, statement, refusal) => {
    const before = await asGateway.query('SELECT count(*)::int AS n, max(row_hash) AS h FROM audit_event');
    await expect(asGateway.query(statement)).rejects.toThrow(refusal);
    const after = await asGateway.query('SELECT count(*)::int AS n, max(row_hash) AS h FROM audit_event');
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it('lets orgql audit verify run as the gateway role (read-only) with migrations as the owner', async () => {
    const { code, output } = await runOrgql(['audit', 'verify'], { ...env, ORGQL_DATA_DIR: dataDir });
    expect(output).toMatch(/^OK: 2 rows verified/m);
    expect(code).toBe(0);
  });

  it('lets the gateway role record an observation (a change made outside orgql) through the chain', async () => {
    const db = await openDatabase({ kind: 'postgres', url: env.DATABASE_URL });
    try {
      const id = await new PrismaAuditRecorder(db.prisma).recordObservation({
        actor: { id: 'AKIAOUTSIDE', type: 'AWS' },
        requestId: undefined,
        operation: 'outOfBandChange',
        upstreamAction: 'CreateOrganizationalUnit',
        targetType: 'ORGANIZATIONAL_UNIT',
        targetId: 'ou-abcd-11111111',
        arguments: { foundBy: 'EVENT' },
        stateBefore: null,
        stateAfter: { id: 'ou-abcd-11111111' },
        upstreamRequestId: 'req-outside',
      });
      const { rows } = await asGateway.query('SELECT kind, outcome, intent_id FROM audit_event WHERE id = $1', [id]);
      expect(rows).toEqual([{ kind: 'OBSERVATION', outcome: 'SUCCEEDED', intent_id: null }]);
    } finally {
      await db.close();
    }
    const { code, output } = await runOrgql(['audit', 'verify'], { ...env, ORGQL_DATA_DIR: dataDir });
    expect(output).toMatch(/^OK: 3 rows verified/m);
    expect(code).toBe(0);
  });
});
