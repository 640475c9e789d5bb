import { exportRows } from '../../src/audit/export-rows';
import { ndjsonLine } from '../../src/audit/export-format';
import { PrismaAuditLog } from '../../src/audit/prisma-audit-log';
import { PrismaAuditRecorder } from '../../src/audit/prisma-audit-recorder';
import { anIntent, openAuditTestDb, type AuditTestDb } from './audit-test-db';

/**
 * A change made outside orgql is one OBSERVATION row; changes recorded before that kind existed (an
 * intent and result pair with operation outOfBandChange) stay in the chain, and both verify.
 */
describe('observation rows next to older out-of-band intent/result pairs', () => {
  let t: AuditTestDb;
  let log: PrismaAuditLog;

  beforeAll(async () => {
    t = await openAuditTestDb();
    const recorder = new PrismaAuditRecorder(t.db.prisma);
    log = new PrismaAuditLog(t.db.prisma);
    const legacy = await recorder.recordIntent(anIntent('outOfBandChange', { upstreamAction: 'TagResource', actor: { id: 'AKIAOLD', type: 'AWS' } }));
    await recorder.recordResult(legacy, {
      outcome: 'SUCCEEDED',
      upstreamRequestId: 'req-old',
      stateAfter: [{ ref: { kind: 'TAGS', resourceId: 'r-abcd' }, state: [] }],
    });
    await recorder.recordObservation({
      ...anIntent('outOfBandChange', { upstreamAction: 'CreateOrganizationalUnit', actor: { id: 'AKIANEW', type: 'AWS' } }),
      upstreamRequestId: 'req-new',
      stateAfter: [{ ref: { kind: 'ORGANIZATIONAL_UNIT', id: 'ou-abcd-11111111' }, state: { name: 'x' } }],
    });
  });
  afterAll(() => t.close());

  it('verifies the chain holding both', async () => {
    const verification = await log.verifyChain(undefined, undefined);
    expect(verification).toMatchObject({ ok: true, checkedRows: 3, brokenAt: null });
  });

  it('detects a tampered observation', async () => {
    const fresh = await openAuditTestDb();
    try {
      const id = await new PrismaAuditRecorder(fresh.db.prisma).recordObservation({
        ...anIntent('outOfBandChange'),
        upstreamRequestId: 'r',
        stateAfter: { a: 1 },
      });
      await fresh.sql('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
      await fresh.sql(`UPDATE audit_event SET actor_id = 'mallory' WHERE id = '${id}'`);
      const verification = await new PrismaAuditLog(fresh.db.prisma).verifyChain(undefined, undefined);
      expect(verification.ok).toBe(false);
      expect(verification.brokenAt).toMatchObject({ eventId: id, reason: 'HASH_MISMATCH' });
    } finally {
      await fresh.close();
    }
  });

  it('counts an observation as one attempt that succeeded, like an older pair', async () => {
    const groups = await log.summary(undefined, undefined, 'ACTOR');
    expect(groups).toEqual([
      { key: 'AKIANEW', attempts: 1, succeeded: 1, failed: 0, unknown: 0 },
      { key: 'AKIAOLD', attempts: 1, succeeded: 1, failed: 0, unknown: 0 },
    ]);
  });

  it('exports an observation with its kind, request id and states', async () => {
    const lines: Record<string, unknown>[] = [];
    for await (const row of exportRows(t.db.prisma, undefined, undefined)) lines.push(JSON.parse(ndjsonLine(row)));
    expect(lines.map((l) => l.kind)).toEqual(['INTENT', 'RESULT', 'OBSERVATION']);
    expect(lines[2]).toMatchObject({ kind: 'OBSERVATION', outcome: 'SUCCEEDED', upstreamRequestId: 'req-new', upstreamAction: 'CreateOrganizationalUnit' });
  });

  it('lists an observation in the history of its target', async () => {
    const history = await log.targetHistory('r-abcd');
    expect(history.map((h) => h.event.kind)).toEqual(['RESULT', 'OBSERVATION']);
  });
});
