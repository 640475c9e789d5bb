import { hashedContentOf } from '../../src/audit/hashed-content';
import { PrismaAuditRecorder } from '../../src/audit/prisma-audit-recorder';
import { PrismaAuditLog } from '../../src/audit/prisma-audit-log';
import { GENESIS_HASH, hashFromTemplate, rowHash, rowHashTemplate, type HashedContent } from '../../src/audit/row-hash';
import { anIntent, openAuditTestDb, type AuditTestDb } from './audit-test-db';

/** Values that stress JSON escaping and key order: quotes, backslashes, astral characters, a key named like a chain field. */
const AWKWARD = {
  quote: 'say "hi" \\ back\\slash',
  emoji: '🧾 naïve Ünïcödé \u2028 line separator',
  nested: { occurredAt: 'not the chain field', prevHash: '', sequence: 7, z: [1, -2.5, 1e21, true, null] },
  Upper: 'sorts before lower case',
  '': 'empty key',
};

function sampleContent(i: number): Omit<HashedContent, 'occurredAt' | 'prevHash' | 'sequence'> {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    kind: i % 2 ? 'RESULT' : 'INTENT',
    intentId: null,
    actorId: `actor-${i}`,
    actorType: 'API_KEY',
    actorDisplayName: i % 3 ? null : 'Ünïcödé "quoted"',
    actorAuthMethod: 'api-key',
    clientIp: null,
    userAgent: 'jest',
    requestId: null,
    operation: 'tagResource',
    upstreamAction: 'TagResource',
    targetType: 'ACCOUNT',
    targetId: '111111111111',
    policyId: null,
    policyType: null,
    arguments: { i, ...AWKWARD },
    stateBefore: i % 2 ? null : { tags: [{ key: 'a', value: 'b' }] },
    stateAfter: null,
    idempotencyKey: null,
    outcome: 'PENDING',
    errorCode: null,
    errorMessage: null,
    upstreamRequestId: null,
    reconciliation: null,
  };
}

describe('the one-round-trip append (audit_append)', () => {
  it('cuts the hashed text so that filling in the chain fields gives exactly rowHash', () => {
    for (let i = 0; i < 50; i++) {
      const content = sampleContent(i);
      const chain = {
        occurredAt: new Date(Date.UTC(2026, 11, 1, 0, 0, i, i * 7)).toISOString(),
        prevHash: i ? 'ab'.repeat(32) : GENESIS_HASH,
        sequence: String(i + 1),
      };
      expect(hashFromTemplate(rowHashTemplate(content), chain.occurredAt, chain.prevHash, chain.sequence)).toBe(rowHash({ ...content, ...chain }));
    }
  });

  it('refuses content that carries a chain field itself', () => {
    expect(() => rowHashTemplate({ ...sampleContent(1), sequence: '5' } as never)).toThrow(/chain fields/);
  });

  describe('in the database', () => {
    let t: AuditTestDb;
    beforeAll(async () => {
      t = await openAuditTestDb();
    });
    afterAll(() => t.close());

    it('stores the hash Node computes from the stored row, for awkward content too', async () => {
      const recorder = new PrismaAuditRecorder(t.db.prisma);
      for (let i = 0; i < 5; i++) {
        const id = await recorder.recordIntent(
          anIntent('tagResource', { arguments: { i, ...AWKWARD }, stateBefore: AWKWARD, actor: { id: `a-${i}`, type: 'API_KEY', displayName: AWKWARD.emoji } }),
        );
        await recorder.recordResult(id, { outcome: 'SUCCEEDED', upstreamRequestId: `u-${i}`, stateAfter: { ...AWKWARD, i } });
      }
      const rows = await t.db.prisma.auditEvent.findMany({ orderBy: { sequence: 'asc' } });
      expect(rows).toHaveLength(10);
      rows.forEach((row, i) => {
        expect(row.prevHash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1]!.rowHash);
        expect(row.rowHash).toBe(rowHash(hashedContentOf(row, row.prevHash!)));
      });
      expect(rows[1]!.arguments).toEqual({ i: 0, ...AWKWARD });
      expect(await new PrismaAuditLog(t.db.prisma).verifyChain(undefined, undefined)).toMatchObject({ ok: true, checkedRows: 10 });
    });

    it('moves the chain head to the row it appended, with a time that never goes back', async () => {
      const before = await t.db.prisma.auditChain.findUniqueOrThrow({ where: { id: 1 } });
      await new PrismaAuditRecorder(t.db.prisma).recordIntent(anIntent());
      const head = await t.db.prisma.auditChain.findUniqueOrThrow({ where: { id: 1 } });
      const last = await t.db.prisma.auditEvent.findFirstOrThrow({ orderBy: { sequence: 'desc' } });
      expect(head).toMatchObject({ lastSequence: before.lastSequence + 1n, lastHash: last.rowHash, lastOccurredAt: last.occurredAt });
      expect(last.occurredAt.getTime()).toBeGreaterThanOrEqual(before.lastOccurredAt!.getTime());
    });
  });
});
