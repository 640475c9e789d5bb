/**
 * Benchmark: audit reports over 1,000,000 events (issue 6: "a filtered page over 1,000,000 events
 * answers in tens of milliseconds") and the export's memory.
 * Run (from the repo root; PostgreSQL at DATABASE_URL or postgresql://postgres@127.0.0.1:5432/postgres):
 *   node -r ./bench/audit-register.js bench/audit-query.bench.ts [rows]
 * Rows are generated in SQL (generate_series) with placeholder hashes: this measures the queries,
 * not the chain (bench/audit-writers.bench.ts verifies real chains).
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { exportRows } from '../src/audit/export-rows';
import { formatExport } from '../src/audit/export-format';
import { PrismaAuditLog } from '../src/audit/prisma-audit-log';
import type { AuditFilter } from '../src/domain/audit-log';
import { createBenchDb, fmt, percentile } from './audit-bench-db';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const RUNS = 30;
const START = Date.UTC(2026, 0, 1);
const STEP_MS = 30_000;

const GENERATE = `
INSERT INTO audit_event (id, sequence, kind, intent_id, occurred_at, actor_id, actor_type, operation, upstream_action,
  target_type, target_id, policy_id, policy_type, arguments, outcome, error_code, prev_hash, row_hash)
SELECT md5(i::text)::uuid, i,
  (CASE WHEN i % 2 = 1 THEN 'INTENT' ELSE 'RESULT' END)::"AuditEntryKind",
  CASE WHEN i % 2 = 0 THEN md5((i - 1)::text)::uuid END,
  to_timestamp(${START / 1000} + ((i - 1) / 2) * ${STEP_MS / 1000}),
  'user-' || (((i - 1) / 2) % 50), 'API_KEY',
  (ARRAY['attachPolicy','detachPolicy','updatePolicy','createPolicy','deletePolicy','tagResource','moveAccount','enablePolicyType'])[1 + ((i - 1) / 2) % 8],
  'Op', 'ACCOUNT', (100000000000 + ((i - 1) / 2) % 5000)::text,
  'p-' || (((i - 1) / 2) % 2000), (ARRAY['SERVICE_CONTROL_POLICY','TAG_POLICY','AISERVICES_OPT_OUT_POLICY','BACKUP_POLICY'])[1 + ((i - 1) / 2) % 4],
  '{"bench":true}'::jsonb,
  (CASE WHEN i % 2 = 1 THEN 'PENDING' WHEN (i / 2) % 200 = 0 THEN 'UNKNOWN' WHEN (i / 2) % 40 = 0 THEN 'FAILED' ELSE 'SUCCEEDED' END)::"AuditOutcome",
  CASE WHEN i % 2 = 0 AND (i / 2) % 40 = 0 THEN 'NOT_FOUND' END,
  repeat('0', 64), md5(i::text) || md5(i::text)
FROM generate_series(1, $1::bigint) AS i`;

async function time<T>(work: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const bench = await createBenchDb('query');
  const prisma = bench.db.prisma;
  try {
    const loadMs = await time(async () => {
      await prisma.$executeRawUnsafe(GENERATE, ROWS);
      await prisma.$executeRawUnsafe(
        `UPDATE audit_chain SET last_sequence = $1::bigint, last_hash = repeat('f', 64), last_occurred_at = (SELECT max(occurred_at) FROM audit_event) WHERE id = 1`,
        ROWS,
      );
      await prisma.$executeRawUnsafe('VACUUM ANALYZE audit_event');
    });
    console.log(`generated ${ROWS.toLocaleString()} rows in ${(loadMs / 1000).toFixed(1)} s`);

    const log = new PrismaAuditLog(prisma);
    const day = (n: number) => new Date(START + n * 86_400_000);
    const deepCursor = String(ROWS - 10_000);
    const cases: Array<[string, AuditFilter, string | undefined]> = [
      ['no filter, first page', {}, undefined],
      ['no filter, page 10,000 rows deep', {}, deepCursor],
      ['actor', { actor: 'user-7' }, undefined],
      ['operation', { operation: 'updatePolicy' }, undefined],
      ['targetId (1 in 5,000)', { targetId: '100000001234' }, undefined],
      ['policyId (1 in 2,000)', { policyId: 'p-42' }, undefined],
      ['policyType', { policyType: 'TAG_POLICY' }, undefined],
      ['outcome FAILED (1.25% of results)', { outcome: 'FAILED' }, undefined],
      ['outcome UNKNOWN (0.25% of results)', { outcome: 'UNKNOWN' }, undefined],
      ['one day in the middle', { from: day(150), to: day(151) }, undefined],
      ['one day, old, + operation', { from: day(20), to: day(21), operation: 'attachPolicy' }, undefined],
      ['targetId + operation + 30 days', { targetId: '100000000042', operation: 'attachPolicy', from: day(100), to: day(130) }, undefined],
      ['actor + outcome FAILED (no match: worst case)', { actor: 'user-3', outcome: 'FAILED' }, undefined],
    ];
    console.log(`\nauditEvents page of 50, ${RUNS} runs each (after 3 warm-up runs):`);
    for (const [name, filter, after] of cases) {
      for (let i = 0; i < 3; i++) await log.list(filter, 50, after);
      const times: number[] = [];
      let found = 0;
      for (let i = 0; i < RUNS; i++) times.push(await time(async () => void (found = (await log.list(filter, 50, after)).events.length)));
      console.log(`  ${name.padEnd(40)} p50 ${fmt(percentile(times, 50)).padStart(10)}  p95 ${fmt(percentile(times, 95)).padStart(10)}  (${found} rows)`);
    }

    const countMs = await time(() => log.count({ outcome: 'FAILED' }));
    const summaryMs = await time(() => log.summary(day(0), day(30), 'OPERATION'));
    console.log(`\ntotalCount (outcome FAILED): ${fmt(countMs)}; auditSummary 30 days by OPERATION: ${fmt(summaryMs)}`);

    // Export: stream everything to a sink that discards it, sampling the heap.
    global.gc?.();
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    let bytes = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 50);
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done();
      },
    });
    const exportMs = await time(() => pipeline(Readable.from(formatExport(exportRows(prisma, undefined, undefined), 'ndjson')), sink));
    clearInterval(sampler);
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      `export ndjson of ${ROWS.toLocaleString()} rows: ${(exportMs / 1000).toFixed(1)} s, ${mb(bytes)} written; ` +
        `RSS ${mb(baseline.rss)} before, peak ${mb(peakRss)}; heap used ${mb(baseline.heapUsed)} before, peak ${mb(peakHeap)}`,
    );
  } finally {
    await bench.drop();
  }
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
