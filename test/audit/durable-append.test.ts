import { flushWal } from '../../src/audit/flush-wal';
import { PrismaAuditRecorder } from '../../src/audit/prisma-audit-recorder';
import { anIntent, openAuditTestDb, type AuditTestDb } from './audit-test-db';

interface Row extends Record<string, unknown> {
  lsn: string;
  flushed: boolean;
}

/** Where the WAL ends now (PostgreSQL and PGlite both answer). */
async function walEnd(t: AuditTestDb): Promise<string> {
  const [row] = await t.db.prisma.$queryRaw<Row[]>`SELECT pg_current_wal_insert_lsn()::text AS lsn`;
  return row!.lsn;
}

/** Whether the WAL is on disk up to `lsn`. */
async function flushedUpTo(t: AuditTestDb, lsn: string): Promise<boolean> {
  const [row] = await t.db.prisma.$queryRaw<Row[]>`SELECT pg_current_wal_flush_lsn() >= ${lsn}::pg_lsn AS flushed`;
  return row!.flushed;
}

describe('durable audit appends', () => {
  let t: AuditTestDb;
  let recorder: PrismaAuditRecorder;
  beforeAll(async () => {
    t = await openAuditTestDb();
    recorder = new PrismaAuditRecorder(t.db.prisma);
  });
  afterAll(async () => {
    await t.close();
  });

  it('puts every earlier commit on disk when it flushes, so a crash cannot take back what came before', async () => {
    const intentId = await recorder.recordIntent(anIntent());
    // A result commits without waiting for the disk; the flush after it must cover it.
    await recorder.recordResult(intentId, { outcome: 'SUCCEEDED', upstreamRequestId: undefined });
    const afterResult = await walEnd(t);
    await flushWal(t.db.prisma);
    await expect(flushedUpTo(t, afterResult)).resolves.toBe(true);
  });

  it('has an intent on disk by the time recording it returns', async () => {
    const before = await walEnd(t);
    await recorder.recordIntent(anIntent('attachPolicy'));
    const after = await walEnd(t);
    expect(after).not.toBe(before);
    await expect(flushedUpTo(t, after)).resolves.toBe(true);
  });
});
