/**
 * Benchmark: what the audit log adds to a mutation (issue 6: "audit overhead per mutation p50/p95
 * with vs without audit"). The same upstream change (TagResource against the in-process emulator,
 * over HTTP through the AWS SDK) is timed bare and through runAudited (intent row, call, result
 * row, each row a chain append), alternating so that drift affects both alike.
 * Run (from the repo root):
 *   node -r ./bench/audit-register.js bench/audit-overhead.bench.ts [iterations]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { PrismaAuditLog } from '../src/audit/prisma-audit-log';
import { PrismaAuditRecorder } from '../src/audit/prisma-audit-recorder';
import { PrismaIdempotencyStore } from '../src/audit/prisma-idempotency-store';
import { openDatabase, type Database } from '../src/database/database';
import { readMigrations } from '../src/database/migration-files';
import { applyMigrations } from '../src/database/migrate';
import type { OrganizationsWriter } from '../src/domain/ports';
import { runAudited, UpstreamWriteAccess } from '../src/graphql/audited-mutation';
import type { GraphQLContext } from '../src/graphql/context';
import { startSeededEmulator } from '../src/server/seeded-emulator';
import { createOrganizationsClient } from '../src/upstream/client-factory';
import { createSdkOrganizations } from '../src/upstream/sdk-organizations';
import { createBenchDb, fmt, percentile } from './audit-bench-db';

const ITERATIONS = Number(process.argv[2] ?? 500);
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };

async function measure(label: string, db: Database, endpoint: string): Promise<void> {
  const organizations = createSdkOrganizations(
    createOrganizationsClient({ kind: 'endpoint', endpoint, region: 'us-east-1', credentials }, { maxAttempts: 1, requestTimeoutMs: 5000, rateScale: 0 }),
  );
  const sdk = new OrganizationsClient({ endpoint, region: 'us-east-1', credentials });
  const accountId = (await sdk.send(new ListAccountsCommand({}))).Accounts![0]!.Id!;
  const ctx = {
    organizations,
    upstream: new UpstreamWriteAccess(organizations),
    audit: new PrismaAuditRecorder(db.prisma),
    auditLog: new PrismaAuditLog(db.prisma),
    idempotency: new PrismaIdempotencyStore(db.prisma),
    client: { ip: '127.0.0.1', userAgent: 'bench' },
    actor: { id: 'bench', type: 'SYSTEM' },
    requestId: 'bench',
    logger: pino({ level: 'silent' }),
    mirror: { consistency: 'UPSTREAM', refresh: async () => undefined, readUpstreamUntilReady: () => undefined, stamp: () => undefined },
  } as unknown as GraphQLContext;

  let n = 0;
  const change = (writer: OrganizationsWriter = organizations) => writer.tagResource(accountId, [{ key: 'bench', value: String(n++) }]);
  const audited = () =>
    runAudited(
      ctx,
      {
        operation: 'tagResource',
        upstreamAction: 'TagResource',
        targetType: 'ACCOUNT',
        targetId: accountId,
        arguments: { resourceId: accountId, n },
        touches: () => [],
      },
      change,
    );
  const bare: number[] = [];
  const withAudit: number[] = [];
  for (let i = 0; i < 30; i++) await audited(); // warm-up: JIT, connection pool, plans
  for (let i = 0; i < ITERATIONS; i++) {
    let start = performance.now();
    await change();
    bare.push(performance.now() - start);
    start = performance.now();
    await audited();
    withAudit.push(performance.now() - start);
  }
  const row = (name: string, values: number[]) =>
    `  ${name.padEnd(22)} p50 ${fmt(percentile(values, 50)).padStart(9)}  p95 ${fmt(percentile(values, 95)).padStart(9)}`;
  console.log(`${label}, ${ITERATIONS} mutations each:`);
  console.log(row('without audit', bare));
  console.log(row('with audit', withAudit));
  console.log(
    `  overhead               p50 ${fmt(percentile(withAudit, 50) - percentile(bare, 50))}  p95 ${fmt(percentile(withAudit, 95) - percentile(bare, 95))}`,
  );
  const verify = await new PrismaAuditLog(db.prisma).verifyChain(undefined, undefined);
  console.log(`  chain after the run: ${verify.ok ? 'OK' : 'BROKEN'}, ${verify.checkedRows} rows`);
}

async function main(): Promise<void> {
  const emulator = await startSeededEmulator({ seed: 'demo', host: '127.0.0.1', port: 0 });
  try {
    const pg = await createBenchDb('overhead');
    try {
      await measure('PostgreSQL 15 (localhost)', pg.db, emulator.url);
    } finally {
      await pg.drop();
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'orgql-bench-'));
    const lite = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pgdata') });
    try {
      const conn = await lite.openSqlConnection();
      await applyMigrations(conn, readMigrations()).finally(() => conn.close());
      await measure('PGlite (embedded)', lite, emulator.url);
    } finally {
      await lite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await emulator.close();
  }
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
