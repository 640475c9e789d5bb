/**
 * Benchmark of issue 12's posture report: "5,000 accounts x 20 services in under 1 s from the mirror".
 * Run (from the repo root, PostgreSQL at DATABASE_URL):
 *   npm run bench:ai-opt-out -- [--accounts 5000] [--policies 40] [--runs 5]
 * A generated organization (test/support/generated-org-seed.ts: 65 OUs, AI opt-out policies on the
 * root, every top OU and every third child OU) in the emulator over real HTTP; a real gateway syncs
 * its mirror (pacing off), then, warm, the median of --runs of:
 * 1. engine: aiOptOutPosture over the tree alone (no I/O), every service the report covers;
 * 2. graphql: aiOptOutPosture(expect: OPT_OUT) { totals, organizationalUnits, failing } through the gateway;
 * 3. csv: GET /reports/ai-opt-out?format=csv&expect=OPT_OUT, the whole body (accounts x services rows).
 * Upstream calls during 2 and 3 are counted: the report reads the mirror only.
 */
import { aiOptOutPosture, type PostureTreeNode } from '../src/domain/ai-opt-out';
import { startEmulator } from '../src/emulator';
import type { SeedOrganizationalUnit } from '../src/emulator';
import { generatedOrgSeed } from '../test/support/generated-org-seed';
import { fmt, percentile } from './audit-bench-db';
import { startBenchGateway } from './support/bench-gateway';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const ACCOUNTS = Number(arg('accounts', '5000'));
const POLICIES = Number(arg('policies', '40'));
const RUNS = Number(arg('runs', '5'));
const BUDGET_MS = 1000;

const TOTALS = `{ aiOptOutPosture(expect: OPT_OUT) { services totals { service optedIn optedOut pass fail unknown }
  organizationalUnits { nodeId totals { service pass fail } } failing(first: 10) { totalCount } accounts(first: 1) { totalCount } } }`;

async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

async function median<T>(fn: () => Promise<T> | T): Promise<{ ms: number; min: number; max: number; value: T }> {
  await fn(); // warm-up (JIT, caches)
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < RUNS; i++) ({ ms: times[i]!, value } = await timed(fn));
  return { ms: percentile(times, 50), min: Math.min(...times), max: Math.max(...times), value };
}

/** `ownPolicies`: every account also has a policy of its own, so no two accounts share a row (the worst case). */
function postureTree(org: ReturnType<typeof generatedOrgSeed>, ownPolicies = false): PostureTreeNode {
  const documents = new Map((org.seed.policies ?? []).map((p) => [p.id!, { id: p.id!, name: p.name, content: JSON.stringify(p.content) }]));
  const policies = (ids: readonly string[] | undefined) => (ids ?? []).map((id) => documents.get(id)!);
  const ou = (seed: SeedOrganizationalUnit, i: string): PostureTreeNode => ({
    id: `ou-${i}`,
    kind: 'ORGANIZATIONAL_UNIT',
    name: seed.name,
    policies: policies(seed.policies),
    children: [
      ...(seed.accounts ?? []).map((a, n): PostureTreeNode => ({
        id: a.id!,
        kind: 'ACCOUNT',
        name: a.name,
        state: 'ACTIVE',
        policies: ownPolicies ? [ownPolicy(n)] : [],
        children: [],
      })),
      ...(seed.organizationalUnits ?? []).map((child, c) => ou(child, `${i}-${c}`)),
    ],
  });
  return {
    id: 'r-gen0',
    kind: 'ROOT',
    name: 'Root',
    policies: policies(org.seed.root?.policies),
    children: [
      ...(org.seed.accounts ?? []).map((a): PostureTreeNode => ({ id: a.id!, kind: 'ACCOUNT', name: a.name, state: 'ACTIVE', policies: [], children: [] })),
      ...(org.seed.organizationalUnits ?? []).map((child, c) => ou(child, String(c))),
    ],
  };
}

const OWN = ['lex', 'polly', 'comprehend', 'textract', 'default'];
function ownPolicy(n: number) {
  const service = OWN[n % OWN.length]!;
  return {
    id: `p-own${n % 50}`,
    name: `Own${n % 50}`,
    content: JSON.stringify({ services: { [service]: { opt_out_policy: { '@@assign': n % 2 ? 'optIn' : 'optOut' } } } }),
  };
}

async function main(): Promise<void> {
  const org = generatedOrgSeed({ accounts: ACCOUNTS, topOus: 5, childrenPerTop: 12, policies: POLICIES });
  const engine = await median(() => aiOptOutPosture({ tree: postureTree(org), ancestors: [], policyTypeEnabled: true, mirrorSynced: true, expect: 'OPT_OUT' }));
  const cells = engine.value.accounts.length * engine.value.services.length;
  console.log(
    `org: ${org.accounts} accounts, ${org.parents} parents, ${org.policies} AI opt-out policies; ${engine.value.services.length} services; ${cells} cells`,
  );
  console.log(`engine   aiOptOutPosture (tree built + report): median ${fmt(engine.ms)} (min ${fmt(engine.min)}, max ${fmt(engine.max)})`);
  const own = await median(() =>
    aiOptOutPosture({ tree: postureTree(org, true), ancestors: [], policyTypeEnabled: true, mirrorSynced: true, expect: 'OPT_OUT' }),
  );
  console.log(`engine   the same, every account with a policy of its own (no shared rows): median ${fmt(own.ms)} (min ${fmt(own.min)}, max ${fmt(own.max)})`);

  const emulator = await startEmulator({ port: 0, seed: org.seed });
  const gateway = await startBenchGateway({ ORGQL_ORGANIZATIONS_ENDPOINT: emulator.url, ORGQL_UPSTREAM_RATE_SCALE: '0' });
  try {
    // The tree first, then the tags (synced after it): upstream is quiet once both are done.
    const sync = await timed(async () => {
      await gateway.gateway.mirror.ready();
      for (;;) {
        const { syncedAt, tagsSyncedAt } = gateway.gateway.mirror.status();
        if (syncedAt && tagsSyncedAt && tagsSyncedAt >= syncedAt) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    console.log(`mirror   first sync, tags included: ${(sync.ms / 1000).toFixed(1)} s`);
    const before = emulator.stats().total;
    const graphql = await median(async () => {
      const body = await gateway.graphql(TOTALS);
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data.aiOptOutPosture as { accounts: { totalCount: number }; services: string[] };
    });
    const reportUrl = new URL('/reports/ai-opt-out?format=csv&expect=OPT_OUT', gateway.gateway.url);
    const csv = await median(async () => {
      const response = await fetch(reportUrl, { headers: gateway.headers });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const text = await response.text();
      return text.split('\r\n').length - 2; // header and the empty string after the last CRLF
    });
    const calls = emulator.stats().total - before;
    const rows = graphql.value.accounts.totalCount * graphql.value.services.length;
    console.log(
      `graphql  totals + per-OU totals + failing (${graphql.value.accounts.totalCount} accounts x ${graphql.value.services.length} services): median ${fmt(graphql.ms)} (min ${fmt(graphql.min)}, max ${fmt(graphql.max)})`,
    );
    console.log(`csv      GET /reports/ai-opt-out, ${csv.value} rows (expected ${rows}): median ${fmt(csv.ms)} (min ${fmt(csv.min)}, max ${fmt(csv.max)})`);
    console.log(`upstream calls during the GraphQL and CSV runs: ${calls}`);
    const worst = Math.max(graphql.ms, csv.ms);
    console.log(worst < BUDGET_MS ? `OK: under ${BUDGET_MS} ms` : `OVER BUDGET: ${fmt(worst)} > ${BUDGET_MS} ms`);
    if (worst >= BUDGET_MS || calls !== 0 || csv.value !== rows) process.exitCode = 1;
  } finally {
    await gateway.close();
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
