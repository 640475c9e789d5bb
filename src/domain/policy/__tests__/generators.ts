import type { AttachedPolicy, NodeKind, PathNode, TreeNode } from '../effective-types';
import type { Random } from './prng';

/** Random but valid tag and AI opt-out policies, and random org trees, for the property tests. */
const TAG_KEYS = ['team', 'env', 'cost'];
const VALUES = ['a', 'b', 'c', 'd', 'e*'];
const LOCKS: string[][] = [['@@none'], ['@@assign'], ['@@append'], ['@@append', '@@remove'], ['@@all']];
const SERVICES = ['default', 'lex', 'polly', 'rekognition'];

export type GeneratedType = 'TAG_POLICY' | 'AISERVICES_OPT_OUT_POLICY';

function subset<T>(rng: Random, items: readonly T[]): T[] {
  return items.filter(() => rng.chance(0.5));
}

const AI_LOCKS: string[][] = [['@@none'], ['@@assign'], ['@@all']];

function maybeLock(rng: Random, target: Record<string, unknown>, p = 0.15, locks = LOCKS): void {
  if (rng.chance(p)) target['@@operators_allowed_for_child_policies'] = rng.pick(locks);
}

export function randomTagDoc(rng: Random): Record<string, unknown> {
  const tags: Record<string, unknown> = {};
  maybeLock(rng, tags, 0.05);
  for (const key of subset(rng, TAG_KEYS)) {
    const statement: Record<string, unknown> = {};
    maybeLock(rng, statement, 0.05);
    if (rng.chance(0.5)) {
      const tagKey: Record<string, unknown> = { '@@assign': rng.chance(0.5) ? key : key.toUpperCase() };
      maybeLock(rng, tagKey);
      statement.tag_key = tagKey;
    }
    if (rng.chance(0.7)) {
      const value: Record<string, unknown> = { [rng.pick(['@@assign', '@@append', '@@remove'])]: subset(rng, VALUES) };
      maybeLock(rng, value);
      statement.tag_value = value;
    }
    tags[key] = statement;
  }
  return { tags };
}

export function randomAiDoc(rng: Random): Record<string, unknown> {
  const services: Record<string, unknown> = {};
  maybeLock(rng, services, 0.05, AI_LOCKS);
  const chosen = subset(rng, SERVICES);
  for (const key of chosen.length > 0 ? chosen : [rng.pick(SERVICES)]) {
    const leaf: Record<string, unknown> = { '@@assign': rng.pick(['optIn', 'optOut']) };
    maybeLock(rng, leaf, 0.2, AI_LOCKS);
    const service: Record<string, unknown> = { opt_out_policy: leaf };
    maybeLock(rng, service, 0.05, AI_LOCKS);
    services[key] = service;
  }
  return { services };
}

export function randomPolicy(rng: Random, type: GeneratedType, id: string): AttachedPolicy {
  const doc = type === 'TAG_POLICY' ? randomTagDoc(rng) : randomAiDoc(rng);
  return { id, name: `name-${id}`, content: JSON.stringify(doc) };
}

/** A tree of OUs (up to `depth` levels) and accounts; each node gets 0-3 policies from a shared pool. */
export function randomTree(rng: Random, type: GeneratedType, opts = { depth: 3, fanout: 3 }): TreeNode {
  const pool = Array.from({ length: 8 }, (_, i) => randomPolicy(rng, type, `p-${i}`));
  let counter = 0;
  const attach = (): AttachedPolicy[] => rng.shuffle(pool).slice(0, rng.int(4));
  const make = (kind: NodeKind, level: number): TreeNode => {
    const id = kind === 'ROOT' ? 'r-root' : `${kind === 'ACCOUNT' ? 'a' : 'ou'}-${counter++}`;
    const children: TreeNode[] = [];
    if (kind !== 'ACCOUNT') {
      const n = 1 + rng.int(opts.fanout);
      for (let i = 0; i < n; i++) children.push(make(level < opts.depth && rng.chance(0.5) ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT', level + 1));
    }
    return { id, kind, name: id, policies: attach(), children };
  };
  return make('ROOT', 0);
}

/** Every node with its path from the root ([root, ..., node]). */
export function pathsOf(tree: TreeNode): { node: TreeNode; path: PathNode[] }[] {
  const out: { node: TreeNode; path: PathNode[] }[] = [];
  const walk = (node: TreeNode, above: PathNode[]): void => {
    const path = [...above, { id: node.id, kind: node.kind, name: node.name, policies: node.policies }];
    out.push({ node, path });
    for (const c of node.children) walk(c, path);
  };
  walk(tree, []);
  return out;
}

export function mapTree(tree: TreeNode, fn: (node: TreeNode) => TreeNode): TreeNode {
  const mapped = fn(tree);
  return { ...mapped, children: mapped.children.map((c) => mapTree(c, fn)) };
}
