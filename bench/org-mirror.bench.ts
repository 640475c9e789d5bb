/**
 * Benchmarks of issue 10 ("Org mirror"), on this machine, against the emulator over real HTTP.
 * Run (from the repo root, PostgreSQL at DATABASE_URL):
 *   npm run bench -- [--accounts 1000] [--latency 60] [--seconds 8] [--rounds 3] [--only reads|throttle|rps]
 * 1. reads: a generated org (1,000 accounts, 66 parents, 10 AI opt-out policies), 60 ms per call.
 *    The cold sync's calls against the minimum the API allows, then "the effective AI opt-out
 *    policy of every account" asked again (upstream calls, p50) and by 5 askers at once. Pacing is
 *    off here (the emulator does not throttle) so the run is short; calls do not depend on it.
 * 2. throttle: the same org with the emulator's --throttle (AWS's documented rates), the gateway
 *    pacing at those rates: the sync (or, without a mirror, the question) succeeds? how long?
 * 3. rps: warm `{ organization { id } }` and the demo tree, requests/s of the gateway (embedded
 *    emulator, demo org) against a bare Apollo Server 5 answering the same data from memory,
 *    measured one after the other in this run with autocannon (its own process), in `--rounds`
 *    alternating rounds (gateway, bare, gateway, bare, ...) so that a shared machine's load drifting
 *    during the run weighs on both sides alike; each round's ratio is shown, and their median.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startEmulator, type RunningEmulator } from '../src/emulator';
import { generatedOrgSeed } from '../test/support/generated-org-seed';
import { fmt, percentile } from './audit-bench-db';
import { startBareApollo } from './support/bare-apollo';
import { startBenchGateway, type BenchGateway } from './support/bench-gateway';
import { minimumSyncCalls } from './support/minimum-sync';

const run = promisify(execFile);

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const ACCOUNTS = Number(arg('accounts', '1000'));
const LATENCY_MS = Number(arg('latency', '60'));
const SECONDS = Number(arg('seconds', '8'));
const ONLY = arg('only', 'all');
const ROUNDS = Number(arg('rounds', '3'));

const EFFECTIVE = `{ effectivePolicies(type: AISERVICES_OPT_OUT_POLICY) { account { id } content } }`;
const ORG_ID = `{ organization { id } }`;
const OU_FIELDS = 'id name accounts { id name email }';
const DEMO_TREE = `{ organization { id arn roots { id name accounts { id name email } organizationalUnits { ${OU_FIELDS} organizationalUnits { ${OU_FIELDS} organizationalUnits { ${OU_FIELDS} organizationalUnits { ${OU_FIELDS} } } } } } } }`;
const MIRROR_STATUS = `{ organization { mirror { version syncedAt tagsSyncedAt status } } }`;

const org = () => generatedOrgSeed({ accounts: ACCOUNTS, topOus: 5, childrenPerTop: 12, policies: 10 });
const calls = (emulator: RunningEmulator): number => emulator.stats().total;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface MirrorInfo {
  readonly version: number;
  readonly status: string;
  readonly tagsSyncedAt: string | null;
}

/**
 * Waits until the mirror says READY (and, with `tags`, has synced the tags too); undefined when this
 * build has no mirror (the field does not exist). A FAILED first sync is retried by the mirror: it
 * is counted, not fatal.
 */
async function mirrorReady(gateway: BenchGateway, timeoutMs: number, tags = false): Promise<(MirrorInfo & { failedPolls: number }) | undefined> {
  const first = await gateway.graphql(MIRROR_STATUS);
  if (first.errors?.some((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')) return undefined;
  let failedPolls = 0;
  return waitFor(
    'the mirror to be READY',
    async () => {
      const { data } = await gateway.graphql(MIRROR_STATUS);
      const mirror = data?.organization?.mirror as MirrorInfo | undefined;
      if (mirror?.status === 'FAILED') failedPolls += 1;
      const done = mirror?.status === 'READY' && (!tags || mirror.tagsSyncedAt !== null);
      return done ? { ...mirror, failedPolls } : undefined;
    },
    timeoutMs,
  );
}

/** Waits until the emulator has seen no call for `quietMs` (the tags come after READY). */
async function upstreamQuiet(emulator: RunningEmulator, quietMs: number, timeoutMs: number): Promise<number> {
  let last = calls(emulator);
  let since = Date.now();
  return waitFor(
    'upstream to fall quiet',
    async () => {
      const now = calls(emulator);
      if (now !== last) [last, since] = [now, Date.now()];
      return Date.now() - since >= quietMs ? now : undefined;
    },
    timeoutMs,
  );
}

async function ask(gateway: BenchGateway, emulator: RunningEmulator): Promise<{ ms: number; calls: number; accounts: number; errors: number }> {
  const before = calls(emulator);
  const started = performance.now();
  const body = await gateway.graphql(EFFECTIVE);
  return {
    ms: performance.now() - started,
    calls: calls(emulator) - before,
    accounts: body.data?.effectivePolicies?.length ?? 0,
    errors: body.errors?.length ?? 0,
  };
}

async function reads(): Promise<void> {
  const { seed, parents, accounts, policies } = org();
  const emulator = await startEmulator({ port: 0, seed, latencyMs: LATENCY_MS });
  try {
    const minimum = await minimumSyncCalls(emulator.url);
    console.log(`\n## reads: ${accounts} accounts, ${parents} parents, ${policies} AI opt-out policies, ${LATENCY_MS} ms per call`);
    console.log(
      `minimum sync: ${minimum.treeAndPolicies} calls for tree + policies (${minimum.policies} policies of every type), + ${minimum.tags} ListTagsForResource`,
    );
    await fetch(`${emulator.url}/_emulator/reset-stats`, { method: 'POST' });
    const started = performance.now();
    const gateway = await startBenchGateway({ ORGQL_ORGANIZATIONS_ENDPOINT: emulator.url, ORGQL_UPSTREAM_RATE_SCALE: '0' });
    try {
      const ready = await mirrorReady(gateway, 600_000);
      if (ready) {
        const atReady = calls(emulator);
        const readyMs = performance.now() - started;
        await mirrorReady(gateway, 600_000, true);
        const withTagsMs = performance.now() - started;
        const total = await upstreamQuiet(emulator, 2000, 600_000);
        console.log(`cold sync: tags synced after ${seconds(withTagsMs)}`);
        console.log(
          `cold sync: READY after ${seconds(readyMs)} with ${atReady} calls (${(atReady / minimum.treeAndPolicies).toFixed(2)}x the minimum); with tags ${total} calls (${(total / (minimum.treeAndPolicies + minimum.tags)).toFixed(2)}x)`,
        );
      } else {
        console.log('cold sync: no mirror in this build (organization.mirror does not exist)');
      }
      const first = await ask(gateway, emulator);
      console.log(
        `effective AI opt-out of every account, first ask: ${first.accounts} accounts, ${first.calls} upstream calls, ${fmt(first.ms)}, ${first.errors} errors`,
      );
      const again = [];
      for (let i = 0; i < 9; i++) again.push(await ask(gateway, emulator));
      console.log(
        `asked again x9: upstream calls per ask ${again.map((a) => a.calls).join(',')}; p50 ${fmt(
          percentile(
            again.map((a) => a.ms),
            50,
          ),
        )}, errors ${again.reduce((n, a) => n + a.errors, 0)}`,
      );
      const before = calls(emulator);
      const t = performance.now();
      const five = await Promise.all([1, 2, 3, 4, 5].map(() => gateway.graphql(EFFECTIVE)));
      console.log(
        `5 concurrent askers: ${calls(emulator) - before} upstream calls in all, ${fmt(performance.now() - t)}, errors ${five.reduce((n, b) => n + (b.errors?.length ?? 0), 0)}`,
      );
    } finally {
      await gateway.close();
    }
  } finally {
    await emulator.close();
  }
}

async function throttled(): Promise<void> {
  const { seed, accounts } = org();
  const emulator = await startEmulator({ port: 0, seed, latencyMs: LATENCY_MS, throttle: true });
  try {
    console.log(`\n## throttle: the same org (${accounts} accounts) with --throttle, ${LATENCY_MS} ms per call, gateway pacing at AWS's rates`);
    const started = performance.now();
    const gateway = await startBenchGateway({ ORGQL_ORGANIZATIONS_ENDPOINT: emulator.url });
    try {
      const ready = await mirrorReady(gateway, 900_000);
      if (ready) {
        console.log(
          `sync: READY after ${seconds(performance.now() - started)} with ${calls(emulator)} calls${ready.failedPolls ? ` (FAILED seen in ${ready.failedPolls} polls)` : ''}`,
        );
        await mirrorReady(gateway, 900_000, true);
        console.log(`tags synced after ${seconds(performance.now() - started)}, ${calls(emulator)} calls in all`);
      }
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await ask(gateway, emulator));
      console.log(
        `effective AI opt-out of every account x3: ${results.map((r) => `${r.accounts} accounts/${r.calls} calls/${seconds(r.ms)}/${r.errors} errors`).join('; ')}`,
      );
    } finally {
      await gateway.close();
    }
  } finally {
    await emulator.close();
  }
}

/**
 * autocannon in a child process of its own, so that the load generator does not share the event loop
 * of the server it measures (both servers run in this process, one at a time).
 */
async function load(url: string, headers: Record<string, string>, query: string): Promise<{ rps: number; p50: number }> {
  const cli = require.resolve('autocannon/autocannon.js');
  const args = [cli, '-j', '-c', '10', '-d', String(SECONDS), '-m', 'POST', '-b', JSON.stringify({ query })];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
  args.push(url);
  const { stdout } = await run(process.execPath, args);
  const result = JSON.parse(stdout) as { non2xx: number; errors: number; requests: { average: number }; latency: { p50: number } };
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors from ${url}`);
  return { rps: result.requests.average, p50: result.latency.p50 };
}

async function rps(): Promise<void> {
  console.log(`\n## rps: warm requests/s, gateway (embedded emulator, demo org) vs bare Apollo Server 5 from memory, ${SECONDS} s each, 10 connections`);
  const gateway = await startBenchGateway({});
  try {
    await mirrorReady(gateway, 60_000);
    const tree = await gateway.graphql(DEMO_TREE);
    if (tree.errors) throw new Error(`the demo tree failed: ${JSON.stringify(tree.errors)}`);
    const bare = await startBareApollo(tree.data.organization, 0);
    try {
      for (const [name, query] of [
        ['{ organization { id } }', ORG_ID],
        ['demo tree', DEMO_TREE],
      ] as const) {
        const ratios: number[] = [];
        for (let round = 1; round <= ROUNDS; round++) {
          const g = await load(gateway.gateway.graphqlUrl, gateway.headers, query);
          const b = await load(bare.url, { 'content-type': 'application/json' }, query);
          ratios.push(g.rps / b.rps);
          console.log(
            `${name.padEnd(24)} round ${round}: gateway ${g.rps.toFixed(0).padStart(6)} req/s (p50 ${g.p50} ms)  bare ${b.rps.toFixed(0).padStart(6)} req/s (p50 ${b.p50} ms)  ratio ${(g.rps / b.rps).toFixed(2)}x`,
          );
        }
        const sorted = [...ratios].sort((x, y) => x - y);
        console.log(
          `${name.padEnd(24)} ratio median ${percentile(ratios, 50).toFixed(2)}x (min ${sorted[0]!.toFixed(2)}x, max ${sorted[sorted.length - 1]!.toFixed(2)}x over ${ROUNDS} rounds)`,
        );
      }
    } finally {
      await bare.stop();
    }
  } finally {
    await gateway.close();
  }
}

async function main(): Promise<void> {
  if (ONLY === 'all' || ONLY === 'reads') await reads();
  if (ONLY === 'all' || ONLY === 'throttle') await throttled();
  if (ONLY === 'all' || ONLY === 'rps') await rps();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
