import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashedContentOf } from '../../src/audit/hashed-content';
import { rowHash } from '../../src/audit/row-hash';
import { startTestGateway, type TestGateway } from '../support/gateway-harness';

const VERIFY = `{ verifyAuditChain { ok brokenAt { reason } checkpoints { ok matched newestSequence newestSignedAt problems { file sequence reason message } } } }`;

/** GraphQL verifyAuditChain holds the log to the signed checkpoints, as `orgql audit verify` does. */
describe('verifyAuditChain and the signed checkpoints', () => {
  let dir: string;
  let t: TestGateway;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'orgql-checkpoints-'));
    t = await startTestGateway({ ORGQL_AUDIT_CHECKPOINT_INTERVAL_S: '1', ORGQL_AUDIT_CHECKPOINT_DIR: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the checkpoints that match the log', async () => {
    await t.data(`mutation { tagResource(resourceId: "p-aioptoutall", tags: [{ key: "reviewed", value: "2026" }]) { auditEventId } }`);
    const head = await t.gateway.database.prisma.auditChain.findUniqueOrThrow({ where: { id: 1 } });
    const deadline = Date.now() + 15_000;
    let verified;
    do {
      verified = (await t.data(VERIFY)).verifyAuditChain;
      if (verified.checkpoints?.newestSequence === head.lastSequence.toString()) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } while (Date.now() < deadline);
    expect(verified).toMatchObject({ ok: true, brokenAt: null, checkpoints: { ok: true, newestSequence: head.lastSequence.toString(), problems: [] } });
    expect(verified.checkpoints.matched).toBeGreaterThanOrEqual(1);
  });

  it('fails a chain rewritten and re-hashed whole, which verifies on its own, and names no path', async () => {
    const prisma = t.gateway.database.prisma;
    const head = await prisma.auditChain.findUniqueOrThrow({ where: { id: 1 } });
    // What an owner of the database can do: edit the last row and re-hash it and the head.
    await prisma.$executeRawUnsafe('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
    await prisma.$executeRawUnsafe('ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_forward_only');
    await prisma.$executeRaw`UPDATE audit_event SET error_message = 'nothing to see' WHERE sequence = ${head.lastSequence}`;
    const row = await prisma.auditEvent.findFirstOrThrow({ where: { sequence: head.lastSequence } });
    const hash = rowHash(hashedContentOf(row, row.prevHash!));
    await prisma.$executeRaw`UPDATE audit_event SET row_hash = ${hash} WHERE id = ${row.id}::uuid`;
    await prisma.$executeRaw`UPDATE audit_chain SET last_hash = ${hash} WHERE id = 1`;
    writeFileSync(path.join(dir, 'checkpoint-garbage.json'), 'not json');

    const { verifyAuditChain } = await t.data(VERIFY);
    expect(verifyAuditChain.brokenAt).toBeNull(); // the chain alone does not see it
    expect(verifyAuditChain.ok).toBe(false);
    expect(verifyAuditChain.checkpoints.ok).toBe(false);
    const reasons = verifyAuditChain.checkpoints.problems.map((p: { reason: string }) => p.reason);
    expect(reasons).toEqual(expect.arrayContaining(['HASH_DIFFERS', 'UNREADABLE']));
    expect(JSON.stringify(verifyAuditChain)).not.toContain(dir);
    expect(readdirSync(dir).length).toBeGreaterThan(1);
  });
});
