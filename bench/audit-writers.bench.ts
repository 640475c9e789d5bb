/**
 * Benchmark and check: several gateway processes appending to one audit log at once (issue 6:
 * "a single chain ... correct under concurrent writers from several gateway processes").
 * Forks PROCESSES children, each appending EVENTS rows (intent + result pairs) through the
 * recorder as fast as it can, then verifies the whole chain.
 * Run (from the repo root; PostgreSQL at DATABASE_URL or postgresql://postgres@127.0.0.1:5432/postgres):
 *   node -r ./bench/audit-register.js bench/audit-writers.bench.ts [processes] [events per process]
 */
import { fork } from 'node:child_process';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaAuditLog } from '../src/audit/prisma-audit-log';
import { PrismaAuditRecorder } from '../src/audit/prisma-audit-recorder';
import { PrismaClient } from '../src/generated/prisma/client';
import { createBenchDb, fmt, percentile } from './audit-bench-db';

interface WriterReport {
  readonly latencies: number[];
  /** When the writer's first append started and its last ended (ms since the epoch). */
  readonly first: number;
  readonly last: number;
}

async function writer(url: string, events: number, id: string): Promise<void> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  const recorder = new PrismaAuditRecorder(prisma);
  const latencies: number[] = [];
  await prisma.$queryRaw`SELECT 1`; // connect before the clock starts
  const first = performance.timeOrigin + performance.now();
  for (let i = 0; i < events / 2; i++) {
    let start = performance.now();
    const intentId = await recorder.recordIntent({
      actor: { id: `writer-${id}`, type: 'SYSTEM' },
      requestId: `${id}-${i}`,
      operation: 'tagResource',
      upstreamAction: 'TagResource',
      targetType: 'ACCOUNT',
      targetId: '111111111111',
      arguments: { writer: id, i },
    });
    latencies.push(performance.now() - start);
    start = performance.now();
    await recorder.recordResult(intentId, { outcome: 'SUCCEEDED', upstreamRequestId: `${id}-${i}` });
    latencies.push(performance.now() - start);
  }
  const last = performance.timeOrigin + performance.now();
  await prisma.$disconnect();
  process.send!({ latencies, first, last });
}

async function main(): Promise<void> {
  const processes = Number(process.argv[2] ?? 4);
  const events = Number(process.argv[3] ?? 500);
  const bench = await createBenchDb('writers');
  try {
    const start = performance.now();
    const results = await Promise.all(
      Array.from({ length: processes }, (_, p) => {
        const child = fork(__filename, ['--writer', bench.url, String(events), String(p)]);
        return new Promise<WriterReport>((resolve, reject) => {
          child.on('message', (m: WriterReport) => resolve(m));
          child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`writer ${p} exited with ${code}`))));
        });
      }),
    );
    const wallMs = performance.now() - start;
    const latencies = results.flatMap((r) => r.latencies);
    const total = await bench.db.prisma.auditEvent.count();
    // From the first append of any writer to the last append of any: process start-up left out.
    const appendingMs = Math.max(...results.map((r) => r.last)) - Math.min(...results.map((r) => r.first));
    console.log(
      `${processes} processes x ${events} events = ${total} rows in ${(wallMs / 1000).toFixed(2)} s (${Math.round(total / (wallMs / 1000))} rows/s, including process start-up)`,
    );
    console.log(`  while appending: ${(appendingMs / 1000).toFixed(2)} s, ${Math.round(total / (appendingMs / 1000))} rows/s`);
    console.log(`  append latency under contention: p50 ${fmt(percentile(latencies, 50))}, p95 ${fmt(percentile(latencies, 95))}`);
    const verifyStart = performance.now();
    const report = await new PrismaAuditLog(bench.db.prisma).verifyChain(undefined, undefined);
    console.log(
      `  verifyAuditChain: ${report.ok ? 'OK' : `BROKEN at ${report.brokenAt?.sequence}: ${report.brokenAt?.reason}`}, ` +
        `${report.checkedRows} rows, sequence ${report.firstSequence}..${report.lastSequence}, in ${fmt(performance.now() - verifyStart)}`,
    );
    const interleaving = await bench.db.prisma.$queryRawUnsafe<Array<{ switches: bigint }>>(
      `SELECT count(*) AS switches FROM (SELECT actor_id, lag(actor_id) OVER (ORDER BY sequence) AS prev FROM audit_event) s WHERE actor_id <> prev`,
    );
    console.log(`  writers interleaved ${interleaving[0]!.switches} times along the chain`);
    if (!report.ok || report.checkedRows !== processes * events) process.exitCode = 1;
  } finally {
    await bench.drop();
  }
}

if (process.argv[2] === '--writer') {
  void writer(process.argv[3]!, Number(process.argv[4]), process.argv[5]!).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  void main().then(
    () => process.exit(process.exitCode ?? 0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
