import { OwnChangeLookup } from '../../src/audit/own-change-lookup';
import { PrismaAuditLog } from '../../src/audit/prisma-audit-log';
import { PrismaAuditRecorder } from '../../src/audit/prisma-audit-recorder';
import { anIntent, openAuditTestDb, type AuditTestDb } from './audit-test-db';

/** Out-of-band changes (found by the org mirror) next to orgql's own, told apart by origin and request id. */
describe('the audit origin of a change', () => {
  let t: AuditTestDb;
  let recorder: PrismaAuditRecorder;
  let log: PrismaAuditLog;
  let lookup: OwnChangeLookup;

  beforeAll(async () => {
    t = await openAuditTestDb();
    recorder = new PrismaAuditRecorder(t.db.prisma);
    log = new PrismaAuditLog(t.db.prisma);
    lookup = new OwnChangeLookup(t.db.prisma);
    const own = await recorder.recordIntent(anIntent('attachPolicy', { upstreamAction: 'AttachPolicy' }));
    await recorder.recordResult(own, { outcome: 'SUCCEEDED', upstreamRequestId: 'req-own-1' });
    await recorder.recordObservation({
      ...anIntent('outOfBandChange', { upstreamAction: 'CreateOrganizationalUnit', actor: { id: 'AKIAOUTSIDE', type: 'SYSTEM' } }),
      upstreamRequestId: 'req-outside-1',
      stateAfter: { id: 'ou-abcd-11111111' },
    });
  });
  afterAll(() => t.close());

  const listed = async (filter: Parameters<PrismaAuditLog['list']>[0]) => (await log.list(filter, 50, undefined)).events.map((e) => `${e.operation}/${e.kind}`);

  it("lists only changes made outside orgql for OUT_OF_BAND, and only orgql's own for ORGQL", async () => {
    expect(await listed({ origin: 'OUT_OF_BAND' })).toEqual(['outOfBandChange/OBSERVATION']);
    expect(await listed({ origin: 'ORGQL' })).toEqual(['attachPolicy/RESULT', 'attachPolicy/INTENT']);
    expect(await log.count({ origin: 'OUT_OF_BAND' })).toBe(1);
  });

  it('combines origin with the other filters', async () => {
    expect(await listed({ origin: 'ORGQL', operation: 'outOfBandChange' })).toEqual([]);
    expect(await listed({ origin: 'OUT_OF_BAND', actor: 'AKIAOUTSIDE', kind: 'OBSERVATION' })).toEqual(['outOfBandChange/OBSERVATION']);
    expect(await listed({ origin: 'OUT_OF_BAND', kind: 'INTENT' })).toEqual([]);
  });

  it("recognises orgql's own upstream request ids, not those of recorded out-of-band changes", async () => {
    expect(await lookup.isOwnRequest('req-own-1')).toBe(true);
    expect(await lookup.isOwnRequest('req-outside-1')).toBe(false);
    expect(await lookup.isOwnRequest('req-never-seen')).toBe(false);
  });

  it('finds the orgql createAccount that made a create-account request', async () => {
    const intent = await recorder.recordIntent(anIntent('createAccount', { upstreamAction: 'CreateAccount', targetType: undefined, targetId: undefined }));
    await recorder.recordResult(intent, {
      outcome: 'SUCCEEDED',
      upstreamRequestId: 'req-create',
      stateAfter: { createAccountStatus: { id: 'car-ownrequest0001', state: 'IN_PROGRESS' } },
    });
    expect(await lookup.createAccountRequest('car-ownrequest0001')).toEqual({ auditEventId: intent, upstreamRequestId: 'req-create' });
    expect(await lookup.createAccountRequest('car-somebodyelse01')).toBeUndefined();
  });

  it('counts mutations of an action still waiting for their result', async () => {
    const since = new Date(Date.now() - 60_000);
    expect(await lookup.unfinishedIntents('DetachPolicy', since)).toBe(0);
    const pending = await recorder.recordIntent(anIntent('detachPolicy', { upstreamAction: 'DetachPolicy' }));
    expect(await lookup.unfinishedIntents('DetachPolicy', since)).toBe(1);
    expect(await lookup.unfinishedIntents('DetachPolicy', new Date(Date.now() + 60_000))).toBe(0);
    await recorder.recordResult(pending, { outcome: 'SUCCEEDED', upstreamRequestId: 'req-own-2' });
    expect(await lookup.unfinishedIntents('DetachPolicy', since)).toBe(0);
  });
});
