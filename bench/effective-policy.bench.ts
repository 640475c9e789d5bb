/**
 * Benchmark: effective policies for every account of a large org in one pass.
 * Run (from the repo root):
 *   node -r ./bench/swc-register.js bench/effective-policy.bench.ts
 * Org: 5,000 accounts, ~200 OUs nested up to 5 levels, several AI opt-out and tag policies on the
 * root and on every OU, plus one policy on 1 account in 5. Prints the median of 9 runs per type.
 * Requirement (issue 3): "well under a second on one core".
 */
import type { PolicyType } from '../src/domain/policy-type';
import { computeEffectivePoliciesForTree, type AttachedPolicy, type TreeNode } from '../src/domain/policy';

const ACCOUNTS = 5_000;
const OUS = 200;
const MAX_DEPTH = 5;
const RUNS = 9;

// Deterministic pseudo-random numbers so every run benchmarks the same org.
let seed = 42;
const rand = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

const SERVICES = ['default', 'lex', 'polly', 'rekognition', 'comprehend', 'textract', 'transcribe', 'translate'];
function aiPolicy(id: string): AttachedPolicy {
  const services: Record<string, unknown> = {};
  for (let i = 0; i < 3; i++) {
    const leaf: Record<string, unknown> = { '@@assign': pick(['optIn', 'optOut']) };
    if (rand() < 0.1) leaf['@@operators_allowed_for_child_policies'] = ['@@none'];
    services[pick(SERVICES)] = { opt_out_policy: leaf };
  }
  return { id, name: id, content: JSON.stringify({ services }) };
}

const TAGS = ['costcenter', 'project', 'owner', 'env', 'dataclass'];
function tagPolicy(id: string): AttachedPolicy {
  const tags: Record<string, unknown> = {};
  for (let i = 0; i < 3; i++) {
    const key = pick(TAGS);
    tags[key] = {
      tag_key: { '@@assign': key.toUpperCase() },
      tag_value: { [pick(['@@assign', '@@append', '@@remove'])]: ['v1', 'v2', `v${Math.floor(rand() * 20)}`] },
      enforced_for: { '@@append': [pick(['ec2:instance', 'redshift:*', 's3:bucket'])] },
    };
  }
  return { id, name: id, content: JSON.stringify({ tags }) };
}

function buildOrg(type: PolicyType): TreeNode {
  const make = type === 'TAG_POLICY' ? tagPolicy : aiPolicy;
  const pool = Array.from({ length: 60 }, (_, i) => make(`p-${i}`));
  const several = (): AttachedPolicy[] => [pick(pool), pick(pool), pick(pool)].filter((p, i, all) => all.indexOf(p) === i);
  const root: TreeNode = { id: 'r-root', kind: 'ROOT', name: 'Root', policies: several(), children: [] };
  const ous: { node: TreeNode; depth: number }[] = [];
  for (let i = 0; i < OUS; i++) {
    const parents = ous.filter((o) => o.depth < MAX_DEPTH);
    const parent = i < 5 || rand() < 0.1 ? { node: root, depth: 0 } : pick(parents);
    const node: TreeNode = { id: `ou-${i}`, kind: 'ORGANIZATIONAL_UNIT', name: `OU ${i}`, policies: several(), children: [] };
    parent.node.children.push(node);
    ous.push({ node, depth: parent.depth + 1 });
  }
  for (let i = 0; i < ACCOUNTS; i++) {
    const policies = rand() < 0.2 ? [pick(pool)] : [];
    pick(ous).node.children.push({ id: String(100_000_000_000 + i), kind: 'ACCOUNT', name: `acct-${i}`, policies, children: [] });
  }
  return root;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

for (const type of ['AISERVICES_OPT_OUT_POLICY', 'TAG_POLICY'] as const) {
  const org = buildOrg(type);
  computeEffectivePoliciesForTree(type, org); // warm-up (JIT)
  const times: number[] = [];
  let accounts = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    accounts = computeEffectivePoliciesForTree(type, org).size;
    times.push(performance.now() - start);
  }
  const cold = (() => {
    const start = performance.now();
    computeEffectivePoliciesForTree(type, buildOrg(type));
    return performance.now() - start;
  })();
  console.log(
    `${type}: ${accounts} accounts, ${OUS} OUs, median ${median(times).toFixed(1)} ms over ${RUNS} runs (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}; one fresh org ${cold.toFixed(1)} ms)`,
  );
}
