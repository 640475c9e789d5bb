/**
 * Benchmark: verifyAuditChain over a real chain of ROWS rows (issue 11, item 8: "verifyAuditChain
 * over 1M rows timed"). The rows are hashed in Node exactly as appends hash them (rowHash) and
 * bulk-inserted (appending 1M rows one by one would take most of an hour), then the head is set
 * and the whole chain is verified as `orgql audit verify` does.
 * Run (from the repo root; PostgreSQL at DATABASE_URL or postgresql://postgres@127.0.0.1:5432/postgres):
 *   node -r ./bench/audit-register.js bench/audit-verify.bench.ts [rows]
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PrismaAuditLog } from '../src/audit/prisma-audit-log';
import { GENESIS_HASH, rowHash, type HashedContent } from '../src/audit/row-hash';
import { createBenchDb, fmt } from './audit-bench-db';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const BATCH = 5_000;
const START = Date.UTC(2026, 0, 1);

function content(i: number, intentId: string | null, prevHash: string): HashedContent {
  const n = Math.floor((i - 1) / 2);
  const intent = i % 2 === 1;
  return {
    id: randomUUID(),
    sequence: String(i),
    kind: intent ? 'INTENT' : 'RESULT',
    intentId: intent ? null : intentId,
    occurredAt: new Date(START + i * 1000).toISOString(),
    actorId: `user-${n % 50}`,
    actorType: 'API_KEY',
    actorDisplayName: `User ${n % 50}`,
    actorAuthMethod: 'api-key',
    clientIp: '10.0.0.7',
    userAgent: 'bench',
    requestId: `req-${n}`,
    operation: 'attachPolicy',
    upstreamAction: 'AttachPolicy',
    targetType: 'ACCOUNT',
    targetId: String(100000000000 + (n % 5000)),
    policyId: `p-${String(n % 2000).padStart(8, '0')}`,
    policyType: 'SERVICE_CONTROL_POLICY',
    arguments: { policyId: `p-${String(n % 2000).padStart(8, '0')}`, targetId: String(100000000000 + (n % 5000)) },
    stateBefore: { attachments: [`p-${String(n % 7).padStart(8, '0')}`] },
    stateAfter: intent ? null : { attachments: [`p-${String(n % 7).padStart(8, '0')}`, `p-${String(n % 2000).padStart(8, '0')}`] },
    idempotencyKey: null,
    outcome: intent ? 'PENDING' : 'SUCCEEDED',
    errorCode: null,
    errorMessage: null,
    upstreamRequestId: intent ? null : `up-${n}`,
    reconciliation: null,
    prevHash,
  };
}

const INSERT = `
INSERT INTO audit_event (id, sequence, kind, intent_id, occurred_at, actor_id, actor_type, actor_display_name, actor_auth_method,
  client_ip, user_agent, request_id, operation, upstream_action, target_type, target_id, policy_id, policy_type, arguments,
  state_before, state_after, outcome, upstream_request_id, prev_hash, row_hash)
SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::"AuditEntryKind"[], $4::uuid[], $5::timestamptz[], $6::text[], $7::text[], $8::text[],
  $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[],
  $19::jsonb[], $20::jsonb[], $21::jsonb[], $22::"AuditOutcome"[], $23::text[], $24::text[], $25::text[])`;

async function main(): Promise<void> {
  const bench = await createBenchDb('verify');
  const client = new Client({ connectionString: bench.url });
  await client.connect();
  try {
    const loadStart = performance.now();
    let prev = GENESIS_HASH;
    let intentId: string | null = null;
    let last: HashedContent | undefined;
    for (let from = 1; from <= ROWS; from += BATCH) {
      const rows: Array<HashedContent & { rowHash: string }> = [];
      for (let i = from; i < Math.min(from + BATCH, ROWS + 1); i++) {
        const c = content(i, intentId, prev);
        if (c.kind === 'INTENT') intentId = c.id;
        prev = rowHash(c);
        rows.push({ ...c, rowHash: prev });
        last = c;
      }
      const column = <K extends keyof (HashedContent & { rowHash: string })>(key: K) => rows.map((r) => r[key]);
      const json = (key: 'arguments' | 'stateBefore' | 'stateAfter') => rows.map((r) => (r[key] === null ? null : JSON.stringify(r[key])));
      await client.query(INSERT, [
        column('id'),
        column('sequence'),
        column('kind'),
        column('intentId'),
        column('occurredAt'),
        column('actorId'),
        column('actorType'),
        column('actorDisplayName'),
        column('actorAuthMethod'),
        column('clientIp'),
        column('userAgent'),
        column('requestId'),
        column('operation'),
        column('upstreamAction'),
        column('targetType'),
        column('targetId'),
        column('policyId'),
        column('policyType'),
        json('arguments'),
        json('stateBefore'),
        json('stateAfter'),
        column('outcome'),
        column('upstreamRequestId'),
        column('prevHash'),
        column('rowHash'),
      ]);
    }
    await client.query('UPDATE audit_chain SET last_sequence = $1, last_hash = $2, last_occurred_at = $3 WHERE id = 1', [ROWS, prev, last!.occurredAt]);
    await client.query('VACUUM ANALYZE audit_event');
    console.log(`built a chain of ${ROWS.toLocaleString()} rows in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);

    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 100);
    const start = performance.now();
    const report = await new PrismaAuditLog(bench.db.prisma).verifyChain(undefined, undefined);
    const ms = performance.now() - start;
    clearInterval(sampler);
    console.log(
      `verifyAuditChain: ${report.ok ? 'OK' : `BROKEN at ${report.brokenAt?.sequence}: ${report.brokenAt?.reason}`}, ${report.checkedRows.toLocaleString()} rows in ${fmt(ms)} ` +
        `(${Math.round(report.checkedRows / (ms / 1000)).toLocaleString()} rows/s); RSS ${Math.round(rssBefore / 2 ** 20)} -> peak ${Math.round(rssPeak / 2 ** 20)} MB`,
    );
    if (!report.ok || report.checkedRows !== ROWS) process.exitCode = 1;
  } finally {
    await client.end();
    await bench.drop();
  }
}

void main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
