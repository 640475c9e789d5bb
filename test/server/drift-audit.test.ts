import pino from 'pino';
import { OwnChangeLookup } from '../../src/audit/own-change-lookup';
import { PrismaAuditLog } from '../../src/audit/prisma-audit-log';
import { PrismaAuditRecorder } from '../../src/audit/prisma-audit-recorder';
import type { MirrorChange, RefreshCause } from '../../src/domain/mirror';
import { createEventEvidence, type EventEvidence } from '../../src/server/call-evidence';
import { createDriftAudit, type DriftAudit } from '../../src/server/drift-audit';
import { anIntent, openAuditTestDb, type AuditTestDb } from '../audit/audit-test-db';

const OU = 'ou-abcd-11111111';
const newOu: MirrorChange[] = [
  { ref: { kind: 'ORGANIZATIONAL_UNIT', id: OU }, before: null, after: { id: OU, name: 'Sandbox' } },
  { ref: { kind: 'CHILDREN', parentId: 'r-abcd' }, before: { ous: [], accounts: [] }, after: { ous: [OU], accounts: [] } },
];
const eventCause = (requestId: string, eventName = 'CreateOrganizationalUnit'): RefreshCause => ({
  kind: 'EVENT',
  eventName,
  requestId,
  eventId: `event-${requestId}`,
  actor: { accessKeyId: 'AKIAOUTSIDE000000001', arn: 'arn:aws:iam::111111111111:user/alice', type: 'IAMUser' },
});

describe('recording drift in the audit log', () => {
  let t: AuditTestDb;
  let recorder: PrismaAuditRecorder;
  let log: PrismaAuditLog;
  let drift: DriftAudit;

  beforeEach(async () => {
    t = await openAuditTestDb();
    recorder = new PrismaAuditRecorder(t.db.prisma);
    log = new PrismaAuditLog(t.db.prisma);
    drift = createDriftAudit({ recorder, ownChanges: new OwnChangeLookup(t.db.prisma), logger: pino({ level: 'silent' }) });
  });
  afterEach(() => t.close());

  const outOfBand = async () => (await log.list({ origin: 'OUT_OF_BAND' }, 50, undefined)).events;

  it('records a change made outside orgql as one observation, with the caller and the states before and after', async () => {
    await drift.listener(newOu, eventCause('req-outside'));
    await drift.idle();
    const events = await outOfBand();
    expect(events.map((e) => e.kind)).toEqual(['OBSERVATION']);
    expect(await log.count({ origin: 'OUT_OF_BAND' })).toBe(1);
    const result = events[0]!;
    expect(result).toMatchObject({
      operation: 'outOfBandChange',
      upstreamAction: 'CreateOrganizationalUnit',
      outcome: 'SUCCEEDED',
      upstreamRequestId: 'req-outside',
      targetType: 'ORGANIZATIONAL_UNIT',
      targetId: OU,
      actor: { id: 'AKIAOUTSIDE000000001', type: 'AWS', displayName: 'arn:aws:iam::111111111111:user/alice', authMethod: 'IAMUser' },
      arguments: { foundBy: 'EVENT', eventName: 'CreateOrganizationalUnit', eventId: 'event-req-outside' },
    });
    expect(result.stateBefore).toEqual([
      { ref: newOu[0]!.ref, state: null },
      { ref: newOu[1]!.ref, state: { ous: [], accounts: [] } },
    ]);
    expect(result.stateAfter).toEqual([
      { ref: newOu[0]!.ref, state: { id: OU, name: 'Sandbox' } },
      { ref: newOu[1]!.ref, state: { ous: [OU], accounts: [] } },
    ]);
    expect(result.intentId).toBeNull();
    expect((await log.verifyChain(undefined, undefined)).ok).toBe(true);
  });

  it("does not record an event that echoes orgql's own mutation", async () => {
    const intent = await recorder.recordIntent(anIntent('createOrganizationalUnit', { upstreamAction: 'CreateOrganizationalUnit' }));
    await recorder.recordResult(intent, { outcome: 'SUCCEEDED', upstreamRequestId: 'req-own' });
    await drift.listener(newOu, eventCause('req-own'));
    await drift.idle();
    expect(await outOfBand()).toEqual([]);
  });

  it("waits for an orgql mutation of the same action still in flight: its result may carry the event's request id", async () => {
    const intent = await recorder.recordIntent(anIntent('createOrganizationalUnit', { upstreamAction: 'CreateOrganizationalUnit' }));
    await drift.listener(newOu, eventCause('req-in-flight'));
    await recorder.recordResult(intent, { outcome: 'SUCCEEDED', upstreamRequestId: 'req-in-flight' });
    await drift.idle();
    expect(await outOfBand()).toEqual([]);
  });

  it('records what a periodic refresh found with the kinds of difference and an unknown actor', async () => {
    await drift.listener(newOu, { kind: 'PERIODIC' });
    await drift.listener([{ ref: { kind: 'TAGS', resourceId: OU }, before: [], after: [{ key: 'a', value: 'b' }] }], { kind: 'SYNC' });
    await drift.idle();
    const results = await outOfBand();
    expect(results.map((e) => e.kind)).toEqual(['OBSERVATION', 'OBSERVATION']);
    expect(results.map((e) => [e.upstreamAction, e.actor.id, e.targetId])).toEqual([
      ['Sync:TAGS', 'unknown', OU],
      ['PeriodicRefresh:CHILDREN,ORGANIZATIONAL_UNIT', 'unknown', OU],
    ]);
  });

  it("records nothing for orgql's own refreshes or empty change sets", async () => {
    await drift.listener(newOu, { kind: 'MUTATION', auditEventId: 'x', upstreamRequestId: 'y' });
    await drift.listener([], eventCause('req-empty'));
    await drift.idle();
    expect(await outOfBand()).toEqual([]);
  });

  it('names a changed policy and its type', async () => {
    const policy = { id: 'p-abcdefgh', name: 'tags', type: 'TAG_POLICY', content: '{}' };
    await drift.listener(
      [{ ref: { kind: 'POLICY', id: 'p-abcdefgh' }, before: policy, after: { ...policy, content: '{"tags":{}}' } }],
      eventCause('req-policy', 'UpdatePolicy'),
    );
    await drift.idle();
    expect((await outOfBand())[0]).toMatchObject({
      upstreamAction: 'UpdatePolicy',
      policyId: 'p-abcdefgh',
      policyType: 'TAG_POLICY',
      targetType: 'POLICY',
      targetId: 'p-abcdefgh',
    });
  });
});

describe('drift that is the CloudTrail record of an orgql call whose outcome was unknown', () => {
  let t: AuditTestDb;
  let recorder: PrismaAuditRecorder;
  let log: PrismaAuditLog;
  let evidence: EventEvidence;
  let drift: DriftAudit;
  const createOu = (name: string) =>
    anIntent('createOrganizationalUnit', { upstreamAction: 'CreateOrganizationalUnit', arguments: { parentId: 'r-abcd', name, tags: [] } });
  const event = (requestId: string, name: string): RefreshCause => ({
    ...(eventCause(requestId) as Extract<RefreshCause, { kind: 'EVENT' }>),
    requestParameters: { parentId: 'r-abcd', name },
  });

  beforeEach(async () => {
    t = await openAuditTestDb();
    recorder = new PrismaAuditRecorder(t.db.prisma);
    log = new PrismaAuditLog(t.db.prisma);
    const lookup = new OwnChangeLookup(t.db.prisma);
    evidence = createEventEvidence(lookup, pino({ level: 'silent' }));
    drift = createDriftAudit({ recorder, ownChanges: lookup, logger: pino({ level: 'silent' }), evidence, inFlightWaitMs: 0 });
  });
  afterEach(() => t.close());

  it('matches an UNKNOWN result by its upstream request id', async () => {
    const intentId = await recorder.recordIntent(createOu('Sandbox'));
    await recorder.recordResult(intentId, { outcome: 'UNKNOWN', errorCode: 'UPSTREAM_UNAVAILABLE', errorMessage: 'lost', upstreamRequestId: 'req-5xx' });
    await drift.listener(newOu, event('req-5xx', 'Other-name'));
    await drift.idle();
    expect(await log.count({ origin: 'OUT_OF_BAND' })).toBe(0);
    const verdict = await evidence.verdictFor((await log.get(intentId))!, null);
    expect(verdict).toMatchObject({ outcome: 'SUCCEEDED', reason: expect.stringContaining('matched by requestID') });
  });

  it('matches a dangling intent (no result) by action and parameters, and not one with other parameters', async () => {
    const other = await recorder.recordIntent(createOu('Other'));
    const intentId = await recorder.recordIntent(createOu('Sandbox'));
    await drift.listener(newOu, event('req-dangling', 'Sandbox'));
    await drift.idle();
    expect(await log.count({ origin: 'OUT_OF_BAND' })).toBe(0);
    expect(await evidence.verdictFor((await log.get(intentId))!, null)).toMatchObject({
      outcome: 'SUCCEEDED',
      reason: expect.stringContaining('event-req-dangling'),
    });
    expect(await evidence.verdictFor((await log.get(other))!, null)).toBeUndefined();
  });

  it('records the event as out-of-band when no unsettled orgql call matches it', async () => {
    const intentId = await recorder.recordIntent(createOu('Sandbox'));
    await recorder.recordResult(intentId, { outcome: 'FAILED', errorCode: 'CONFLICT', errorMessage: 'refused' });
    await drift.listener(newOu, event('req-outside', 'Sandbox'));
    await drift.idle();
    expect(await log.count({ origin: 'OUT_OF_BAND' })).toBe(1);
  });
});
