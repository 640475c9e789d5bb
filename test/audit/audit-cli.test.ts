import path from 'node:path';
import { PrismaAuditRecorder } from '../../src/audit/prisma-audit-recorder';
import { openDatabase } from '../../src/database/database';
import { runOrgql } from '../support/orgql-process';
import { anIntent, openAuditTestDb, type AuditTestDb } from './audit-test-db';

// Needs the built CLI (npm run build).
describe('orgql audit verify and orgql audit export', () => {
  let t: AuditTestDb;
  let env: Record<string, string>;

  beforeAll(async () => {
    t = await openAuditTestDb();
    const recorder = new PrismaAuditRecorder(t.db.prisma);
    for (let i = 0; i < 3; i++) {
      const id = await recorder.recordIntent(
        anIntent('enablePolicyType', { arguments: { rootId: 'r-abcd', type: 'TAG_POLICY', note: `comma, "quote" ${i}` } }),
      );
      await recorder.recordResult(id, { outcome: 'SUCCEEDED', upstreamRequestId: `u-${i}` });
    }
    const target = t.testDb.target;
    env = target.kind === 'postgres' ? { DATABASE_URL: target.url } : { ORGQL_DATA_DIR: path.dirname(target.dataDir) };
    if (target.kind === 'pglite') await t.db.close(); // one process at a time on an embedded database
  });
  afterAll(async () => {
    if (t.testDb.target.kind === 'postgres') await t.db.close();
    await t.testDb.drop();
  });

  it('exports the log as NDJSON and as CSV', async () => {
    const ndjson = await runOrgql(['audit', 'export'], env);
    expect(ndjson.code).toBe(0);
    const events = ndjson.output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.map((e) => e.kind)).toEqual(['INTENT', 'RESULT', 'INTENT', 'RESULT', 'INTENT', 'RESULT']);
    const csv = await runOrgql(['audit', 'export', '--format', 'csv'], env);
    expect(csv.code).toBe(0);
    expect(csv.output.split('\r\n')[0]).toMatch(/^sequence,event_id,kind,/);
    expect(csv.output).toContain('""note"":""comma, \\""quote\\"" 0""');
  });

  it('reports OK for an intact chain', async () => {
    const { code, output } = await runOrgql(['audit', 'verify'], env);
    expect(output).toMatch(/^OK: 6 rows verified \(sequence 1 to 6\), last hash [0-9a-f]{64}$/m);
    expect(code).toBe(0);
  });

  it('refuses a malformed time with exit code 2', async () => {
    const { code, output } = await runOrgql(['audit', 'verify', '--from', 'last tuesday'], env);
    expect(code).toBe(2);
    expect(output).toMatch(/--from must be an ISO 8601 date-time/);
  });

  it('names the first broken row and exits 3 after a row was edited in SQL', async () => {
    // As a superuser would: switch the append-only trigger off, then rewrite history.
    const tampering = [
      'ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only',
      `UPDATE audit_event SET error_message = 'nothing to see' WHERE sequence = 4`,
    ];
    if (t.testDb.target.kind === 'postgres') {
      for (const statement of tampering) await t.sql(statement);
    } else {
      // The embedded database was closed for the CLI: open it for the edit, then let the CLI have it.
      const db = await openDatabase(t.testDb.target);
      try {
        for (const statement of tampering) await db.prisma.$executeRawUnsafe(statement);
      } finally {
        await db.close();
      }
    }
    const { code, output } = await runOrgql(['audit', 'verify'], env);
    expect(output).toMatch(/^BROKEN at sequence 4 \(event [0-9a-f-]{36}\): HASH_MISMATCH: /m);
    expect(code).toBe(3);
  });
});
