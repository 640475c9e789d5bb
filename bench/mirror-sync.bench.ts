/**
 * Benchmark: a cold sync of the org mirror, its upstream calls against the minimum, its time, and
 * the memory of the snapshot it builds.
 * Run (from the repo root):
 *   node --expose-gc -r ./bench/swc-register.js bench/mirror-sync.bench.ts [accounts] [ous] [policies] [latencyMs]
 * Defaults: 1,000 accounts, 65 OUs (66 parents), 10 AI opt-out policies, 0 ms latency.
 */
import { startEmulator, type SeedDocument, type SeedOrganizationalUnit } from '../src/emulator';
import { POLICY_TYPES } from '../src/domain/policy-type';
import { countingReader } from '../src/mirror/counting-reader';
import { MirrorSnapshot } from '../src/mirror/mirror-snapshot';
import { readOrganization, readTags } from '../src/mirror/sync-plan';
import { createOrganizationsClient } from '../src/upstream/client-factory';
import { createSdkOrganizations } from '../src/upstream/sdk-organizations';

const [ACCOUNTS = 1000, OUS = 65, POLICIES = 10, LATENCY = 0] = process.argv.slice(2).map(Number);

/** OUs in a tree (10 per level-1 OU, up to 3 levels), accounts spread evenly, policies on the root and the first OUs. */
function seed(): SeedDocument {
  const assign = (service: string, value: string) => ({ services: { [service]: { opt_out_policy: { '@@assign': value } } } });
  const policies = Array.from({ length: POLICIES }, (_, i) => ({
    id: `p-benchpol${String(i).padStart(4, '0')}`,
    name: `Bench${i}`,
    type: 'AISERVICES_OPT_OUT_POLICY' as const,
    content: assign(i % 2 ? 'lex' : 'polly', i % 3 ? 'optIn' : 'optOut'),
  }));
  const all: SeedOrganizationalUnit[] = [];
  const top: SeedOrganizationalUnit[] = [];
  for (let i = 0; i < OUS; i++) {
    const ou: SeedOrganizationalUnit = { name: `OU ${i}`, organizationalUnits: [], accounts: [] };
    const parent = i < Math.ceil(OUS / 10) ? undefined : all[Math.floor((i - Math.ceil(OUS / 10)) / 9)];
    (parent ? parent.organizationalUnits! : top).push(ou);
    all.push(ou);
  }
  for (let a = 0; a < ACCOUNTS - 1; a++) {
    all[a % all.length]!.accounts!.push({ id: String(300000000000 + a), name: `Account ${a}`, email: `bench${a}@example.com` });
  }
  // Two policies on the root (order matters there), one on each of the first OUs, the rest unattached.
  const rootPolicies = policies.slice(0, 2).map((p) => p.id);
  policies.slice(2, Math.max(2, POLICIES - 2)).forEach((p, i) => (all[i % all.length]!.policies = [p.id]));
  return { enabledPolicyTypes: ['AISERVICES_OPT_OUT_POLICY'], policies, root: { name: 'Root', policies: rootPolicies }, organizationalUnits: top };
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ seed: seed(), latencyMs: LATENCY });
  const client = createOrganizationsClient(
    { kind: 'endpoint', endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } },
    { maxAttempts: 4, requestTimeoutMs: 30_000 },
  );
  const upstream = countingReader(createSdkOrganizations(client));
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const tree = MirrorSnapshot.of(await readOrganization(upstream.reader, { concurrency: 8 }), { version: 1, syncedAt: new Date(), tagsSyncedAt: null });
  const treeMs = performance.now() - started;
  const treeCalls = emulator.stats().total;
  const snapshot = tree.withUpdates(await readTags(upstream.reader, tree, { concurrency: 8 }), {
    version: 2,
    syncedAt: tree.syncedAt,
    tagsSyncedAt: new Date(),
  });
  const totalMs = performance.now() - started;
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;

  const stats = emulator.stats();
  const parents = OUS + 1;
  const policiesTotal = stats.calls.DescribePolicy ?? 0;
  // The minimum: organization + roots, per parent one OU page and ceil(accounts/20) account pages,
  // one ListPolicies per type (one page each here), per policy its document and its targets, one
  // ListPoliciesForTarget where a node holds two of a type (the root), one tag call per resource.
  const accountPages = stats.calls.ListAccountsForParent ?? 0;
  const minimumTree = 2 + parents + accountPages + POLICY_TYPES.length + 2 * policiesTotal + 1;
  const minimumTags = 1 + OUS + ACCOUNTS + policiesTotal;
  console.log(
    JSON.stringify(
      {
        org: { accounts: ACCOUNTS, ous: OUS, policies: POLICIES, latencyMs: LATENCY },
        tree: { calls: treeCalls, minimum: minimumTree, ratio: +(treeCalls / minimumTree).toFixed(3), ms: Math.round(treeMs) },
        total: {
          calls: stats.total,
          minimum: minimumTree + minimumTags,
          ratio: +(stats.total / (minimumTree + minimumTags)).toFixed(3),
          ms: Math.round(totalMs),
        },
        calls: stats.calls,
        snapshot: { records: snapshot.size, heapMiB: +((heapAfter - heapBefore) / 1048576).toFixed(1) },
      },
      null,
      2,
    ),
  );
  client.destroy();
  await emulator.close();
}

void main();
