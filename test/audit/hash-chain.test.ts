import { Client } from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaAuditLog } from '../../src/audit/prisma-audit-log';
import { PrismaAuditRecorder } from '../../src/audit/prisma-audit-recorder';
import { GENESIS_HASH } from '../../src/audit/row-hash';
import { PrismaClient } from '../../src/generated/prisma/client';
import { anIntent, openAuditTestDb, type AuditTestDb } from './audit-test-db';
import { itOnPostgres } from '../support/on-postgres';

describe('the audit log hash chain', () => {
  let t: AuditTestDb;
  let recorder: PrismaAuditRecorder;
  let log: PrismaAuditLog;

  beforeEach(async () => {
    t = await openAuditTestDb();
    recorder = new PrismaAuditRecorder(t.db.prisma);
    log = new PrismaAuditLog(t.db.prisma);
  });
  afterEach(() => t.close());

  async function writePairs(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const intentId = await recorder.recordIntent(anIntent('enablePolicyType', { stateBefore: { root: { policyTypes: [] } } }));
      await recorder.recordResult(intentId, { outcome: 'SUCCEEDED', upstreamRequestId: `up-${i}`, stateAfter: { root: { policyTypes: ['TAG_POLICY'] } } });
    }
  }

  it('links each row to the previous one with contiguous sequence numbers, starting from the genesis hash', async () => {
    await writePairs(3);
    const rows = await t.db.prisma.auditEvent.findMany({ orderBy: { sequence: 'asc' } });
    expect(rows.map((r) => Number(r.sequence))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.rowHash);
    expect(rows[0]).toMatchObject({ actorDisplayName: 'Alice', actorAuthMethod: 'api-key', clientIp: '10.0.0.7', userAgent: 'jest' });
    expect(await log.verifyChain(undefined, undefined)).toMatchObject({ ok: true, checkedRows: 6, firstSequence: '1', lastSequence: '6', brokenAt: null });
  });

  it('keeps one unbroken chain when many appends run at once', async () => {
    await Promise.all(Array.from({ length: 40 }, () => recorder.recordIntent(anIntent())));
    const report = await log.verifyChain(undefined, undefined);
    expect(report).toMatchObject({ ok: true, checkedRows: 40, lastSequence: '40' });
  });

  it('rejects UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    await writePairs(1);
    await expect(t.sql(`UPDATE audit_event SET actor_id = 'mallory'`)).rejects.toThrow(/append-only/);
    await expect(t.sql('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    await expect(t.sql('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    await expect(t.sql('DELETE FROM audit_chain')).rejects.toThrow(/append-only/);
    await expect(t.sql('UPDATE audit_chain SET last_sequence = 0')).rejects.toThrow(/only moves forward/);
    expect(await t.db.prisma.auditEvent.count()).toBe(2);
  });

  it('catches a row edited in SQL after the trigger was disabled, naming the row and why', async () => {
    await writePairs(3);
    await t.sql('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
    await t.sql(`UPDATE audit_event SET arguments = '{"rootId":"r-abcd","type":"BACKUP_POLICY"}' WHERE sequence = 3`);
    await t.sql('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
    const report = await log.verifyChain(undefined, undefined);
    expect(report.ok).toBe(false);
    expect(report.brokenAt).toMatchObject({ sequence: '3', reason: 'HASH_MISMATCH' });
    expect(report.checkedRows).toBe(2);
  });

  it('catches a row whose stored hash was overwritten', async () => {
    await writePairs(2);
    await t.sql('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
    await t.sql(`UPDATE audit_event SET row_hash = repeat('a', 64) WHERE sequence = 2`);
    const report = await log.verifyChain(undefined, undefined);
    expect(report.brokenAt).toMatchObject({ sequence: '2', reason: 'HASH_MISMATCH' });
  });

  it('catches a deleted row in the middle and rows removed from the end', async () => {
    await writePairs(3);
    await t.sql('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
    await t.sql('DELETE FROM audit_event WHERE sequence = 6');
    expect((await log.verifyChain(undefined, undefined)).brokenAt).toMatchObject({ reason: 'HEAD_MISMATCH', sequence: '6' });
    await t.sql('DELETE FROM audit_event WHERE sequence = 4');
    expect((await log.verifyChain(undefined, undefined)).brokenAt).toMatchObject({ reason: 'SEQUENCE_GAP', sequence: '5' });
  });

  it('verifies a time range, linking its first row to the row before it', async () => {
    await writePairs(2);
    const rows = await t.db.prisma.auditEvent.findMany({ orderBy: { sequence: 'asc' } });
    const report = await log.verifyChain(rows[2]!.occurredAt, undefined);
    expect(report.ok).toBe(true);
    expect(Number(report.firstSequence)).toBeLessThanOrEqual(3);
    expect(report.lastSequence).toBe('4');
  });

  // Several connections need a PostgreSQL server (CI always has one); PGlite is a single session,
  // whose concurrent in-process writers are covered by the test of 40 appends at once above.
  itOnPostgres('keeps one chain across several connections writing at once (as several gateway processes do)', async () => {
    const url = (t.testDb.target as { url: string }).url;
    const clients = Array.from({ length: 4 }, () => new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) }));
    try {
      await Promise.all(clients.map((client) => Promise.all(Array.from({ length: 25 }, () => new PrismaAuditRecorder(client).recordIntent(anIntent())))));
    } finally {
      await Promise.all(clients.map((c) => c.$disconnect()));
    }
    expect(await log.verifyChain(undefined, undefined)).toMatchObject({ ok: true, checkedRows: 100 });
    const admin = new Client({ connectionString: url });
    await admin.connect();
    const { rows } = await admin.query('SELECT count(DISTINCT sequence)::int AS n, max(sequence)::int AS max FROM audit_event');
    await admin.end();
    expect(rows[0]).toEqual({ n: 100, max: 100 });
  });
});
