import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signCheckpoint } from '../../src/audit/checkpoints/checkpoint';
import { writeCheckpoint } from '../../src/audit/checkpoints/checkpoint-dir';
import { hashedContentOf } from '../../src/audit/hashed-content';
import { PrismaAuditLog } from '../../src/audit/prisma-audit-log';
import { PrismaAuditRecorder } from '../../src/audit/prisma-audit-recorder';
import { rowHash } from '../../src/audit/row-hash';
import { openDatabase, type Database } from '../../src/database/database';
import { startTestGateway } from '../support/gateway-harness';
import { runOrgql } from '../support/orgql-process';
import { databaseEnv } from '../support/test-database';
import { anIntent, openAuditTestDb, type AuditTestDb } from './audit-test-db';

// Needs the built CLI (npm run build).
describe('signed checkpoints of the audit chain, kept outside the database', () => {
  let t: AuditTestDb;
  let env: Record<string, string>;
  const checkpointDir = () => path.join(t.testDb.dataDir, 'checkpoints');

  /** The database as its owner (a superuser) would open it; the embedded one is opened only while the CLI is not running. */
  async function asOwner<T>(work: (db: Database) => Promise<T>): Promise<T> {
    if (t.testDb.target.kind === 'postgres') return work(t.db);
    const db = await openDatabase(t.testDb.target);
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }

  /** What a superuser can do that the chain alone does not catch: edit row `sequence` and re-hash every row after it, and the head. */
  async function rewriteAndRehash(db: Database, sequence: number): Promise<void> {
    await db.prisma.$executeRawUnsafe('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
    await db.prisma.$executeRawUnsafe('ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_forward_only');
    await db.prisma.$executeRawUnsafe(`UPDATE audit_event SET error_message = 'nothing to see', outcome = 'SUCCEEDED' WHERE sequence = ${sequence}`);
    const rows = await db.prisma.auditEvent.findMany({ where: { sequence: { gte: sequence } }, orderBy: { sequence: 'asc' } });
    let prev = (await db.prisma.auditEvent.findFirstOrThrow({ where: { sequence: sequence - 1 } })).rowHash!;
    for (const row of rows) {
      const hash = rowHash(hashedContentOf(row, prev));
      await db.prisma.$executeRaw`UPDATE audit_event SET prev_hash = ${prev}, row_hash = ${hash} WHERE id = ${row.id}::uuid`;
      prev = hash;
    }
    await db.prisma.$executeRaw`UPDATE audit_chain SET last_hash = ${prev} WHERE id = 1`;
  }

  async function cutTail(db: Database, rows: number): Promise<void> {
    await db.prisma.$executeRawUnsafe('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
    await db.prisma.$executeRawUnsafe('ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_forward_only');
    const last = await db.prisma.auditEvent.findFirstOrThrow({ orderBy: { sequence: 'desc' } });
    await db.prisma.$executeRaw`DELETE FROM audit_event WHERE sequence > ${last.sequence - BigInt(rows)}`;
    const kept = await db.prisma.auditEvent.findFirstOrThrow({ orderBy: { sequence: 'desc' } });
    await db.prisma
      .$executeRaw`UPDATE audit_chain SET last_sequence = ${kept.sequence}, last_hash = ${kept.rowHash}, last_occurred_at = ${kept.occurredAt} WHERE id = 1`;
  }

  beforeEach(async () => {
    t = await openAuditTestDb();
    const recorder = new PrismaAuditRecorder(t.db.prisma);
    for (let i = 0; i < 3; i++) {
      const id = await recorder.recordIntent(anIntent());
      await recorder.recordResult(id, { outcome: 'FAILED', errorCode: 'CONFLICT', errorMessage: `refused ${i}` });
    }
    env = databaseEnv(t.testDb);
    if (t.testDb.target.kind === 'pglite') await t.db.close(); // one process at a time on an embedded database
    const signed = await runOrgql(['audit', 'checkpoint'], env);
    expect(signed.output).toMatch(/^checkpoint: sequence 6, hash [0-9a-f]{64}, written to .*checkpoint-0+6-.*\.json$/m);
    expect(signed.code).toBe(0);
  });
  afterEach(async () => {
    if (t.testDb.target.kind === 'postgres') await t.db.close();
    await t.testDb.drop();
  });

  it('signs the chain head with a key made on first use, readable by its owner only', async () => {
    const key = path.join(t.testDb.dataDir, 'audit-signing-key.pem');
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(readFileSync(key, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const [file] = readdirSync(checkpointDir());
    const checkpoint = JSON.parse(readFileSync(path.join(checkpointDir(), file!), 'utf8'));
    const head = await asOwner((db) => db.prisma.auditChain.findUniqueOrThrow({ where: { id: 1 } }));
    expect(checkpoint).toMatchObject({ format: 'orgql-audit-checkpoint/1', sequence: '6', hash: head.lastHash, headTime: head.lastOccurredAt!.toISOString() });
    const verified = await runOrgql(['audit', 'verify'], env);
    expect(verified.output).toMatch(/^OK: 6 rows verified/m);
    expect(verified.output).toMatch(/^checkpoints: 1 match \(newest: sequence 6, signed .*\), 0 failed$/m);
    expect(verified.code).toBe(0);
  });

  it('catches a superuser rewrite that re-hashes the chain, which the chain alone cannot', async () => {
    const chainAlone = await asOwner(async (db) => {
      await rewriteAndRehash(db, 4);
      return new PrismaAuditLog(db.prisma).verifyChain(undefined, undefined);
    });
    expect(chainAlone).toMatchObject({ ok: true, checkedRows: 6 });
    const { code, output } = await runOrgql(['audit', 'verify'], env);
    expect(output).toMatch(/^CHECKPOINT FAILED checkpoint-0+6-.*\.json: HASH_DIFFERS: row 6 has hash .* the chain was rewritten up to this row$/m);
    expect(output).toMatch(/^checkpoints: 0 match, 1 failed$/m);
    expect(code).toBe(3);
  });

  it('catches a cut tail whose head was moved back to match', async () => {
    const chainAlone = await asOwner(async (db) => {
      await cutTail(db, 2);
      return new PrismaAuditLog(db.prisma).verifyChain(undefined, undefined);
    });
    expect(chainAlone).toMatchObject({ ok: true, checkedRows: 4 });
    const { code, output } = await runOrgql(['audit', 'verify'], env);
    expect(output).toMatch(/^CHECKPOINT FAILED .*: ROW_MISSING: row 6, signed at .*, is no longer in the log: the chain was cut$/m);
    expect(code).toBe(3);
  });

  it('reports a checkpoint whose signature fails: edited to fit a rewrite, or signed by another key', async () => {
    await asOwner((db) => rewriteAndRehash(db, 2));
    const [file] = readdirSync(checkpointDir());
    const original = JSON.parse(readFileSync(path.join(checkpointDir(), file!), 'utf8'));
    const head = await asOwner((db) => db.prisma.auditChain.findUniqueOrThrow({ where: { id: 1 } }));
    writeFileSync(path.join(checkpointDir(), file!), JSON.stringify({ ...original, hash: head.lastHash }));
    const otherKey = generateKeyPairSync('ed25519').privateKey;
    writeCheckpoint(checkpointDir(), signCheckpoint({ sequence: '6', hash: head.lastHash!, headTime: null }, new Date(), otherKey));
    writeFileSync(path.join(checkpointDir(), 'checkpoint-garbage.json'), 'not json');

    const { code, output } = await runOrgql(['audit', 'verify'], env);
    expect(output).toMatch(/^OK: 6 rows verified/m);
    expect(output).toMatch(
      new RegExp(`^CHECKPOINT FAILED ${file}: SIGNATURE_INVALID: the signature does not verify: its content was changed after it was signed$`, 'm'),
    );
    expect(output).toMatch(/^CHECKPOINT FAILED checkpoint-0+6-.*: SIGNATURE_INVALID: .* names key [0-9a-f]{16}, not the configured key [0-9a-f]{16}$/m);
    expect(output).toMatch(/^CHECKPOINT FAILED checkpoint-garbage\.json: UNREADABLE: not a checkpoint: not JSON$/m);
    expect(code).toBe(3);
  });
});

describe('the gateway signs checkpoints on its own', () => {
  it('writes one every ORGQL_AUDIT_CHECKPOINT_INTERVAL_S once rows were appended', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'orgql-checkpoints-'));
    const t = await startTestGateway({ ORGQL_AUDIT_CHECKPOINT_INTERVAL_S: '1', ORGQL_AUDIT_CHECKPOINT_DIR: dir });
    try {
      await t.data(`mutation { tagResource(resourceId: "p-aioptoutall", tags: [{ key: "reviewed", value: "2026" }]) { auditEventId } }`);
      const head = await t.gateway.database.prisma.auditChain.findUniqueOrThrow({ where: { id: 1 } });
      const attestsHead = () =>
        readdirSync(dir)
          .map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { sequence: string; hash: string })
          .find((c) => c.sequence === head.lastSequence.toString());
      const deadline = Date.now() + 15_000;
      while (!attestsHead() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(attestsHead()).toMatchObject({ hash: head.lastHash });
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
