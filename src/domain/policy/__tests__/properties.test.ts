import {
  computeEffectivePoliciesForTree,
  computeEffectivePolicy,
  previewPolicyChanges,
  renderEffectivePolicy,
  validatePolicy,
  type OrgSnapshot,
  type TreeNode,
} from '../index';
import { compilePolicy } from '../compile-policy';
import { type GeneratedType, mapTree, pathsOf, randomPolicy, randomTree } from './generators';
import { seeded } from './prng';

const RUNS = 200;
const TYPES: GeneratedType[] = ['TAG_POLICY', 'AISERVICES_OPT_OUT_POLICY'];

function forEachCase(body: (seed: number, type: GeneratedType) => void): void {
  for (let seed = 1; seed <= RUNS; seed++) {
    const type = TYPES[seed % 2]!;
    try {
      body(seed, type);
    } catch (e) {
      throw new Error(`property failed for seed ${seed} (${type}): ${(e as Error).message}`);
    }
  }
}

function valueAt(doc: unknown, keys: readonly string[]): unknown {
  let v = doc;
  for (const k of keys) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

function contents(type: GeneratedType, tree: TreeNode): Record<string, unknown> {
  return Object.fromEntries([...computeEffectivePoliciesForTree(type, tree)].map(([id, p]) => [id, p.content]));
}

describe('effective policy properties (200 seeded random orgs each)', () => {
  it('generates only policies that validate, so the properties exercise real documents', () => {
    forEachCase((seed, type) => {
      const p = randomPolicy(seeded(seed), type, 'p');
      const result = validatePolicy(type, p.content);
      if (!result.valid) throw new Error(JSON.stringify(result.diagnostics));
    });
  });

  it('computes the same result for the whole tree as for each account path on its own', () => {
    forEachCase((seed, type) => {
      const tree = randomTree(seeded(seed), type);
      const all = computeEffectivePoliciesForTree(type, tree);
      for (const { node, path } of pathsOf(tree)) {
        if (node.kind === 'ACCOUNT') expect(all.get(node.id)).toEqual(computeEffectivePolicy(type, path));
      }
    });
  });

  it('keeps a value locked with @@none identical in every account below the lock, whatever descendants attach', () => {
    let checked = 0;
    forEachCase((seed, type) => {
      const rng = seeded(seed);
      const tree = randomTree(rng, type, { depth: 4, fanout: 3 });
      for (const { node, path } of pathsOf(tree)) {
        if (node.kind === 'ACCOUNT') continue;
        const locks = node.policies.flatMap((p) => compilePolicy(type, p.content)).filter((op) => op.kind === 'lock' && op.allowed.size === 0);
        if (locks.length === 0) continue;
        const atLock = computeEffectivePolicy(type, path).content;
        const below = computeEffectivePoliciesForTree(type, node, path.slice(0, -1));
        for (const op of locks) {
          const expected = valueAt(atLock, op.keys);
          for (const effective of below.values()) {
            expect(valueAt(effective.content, op.keys)).toEqual(expected);
            if (expected !== undefined) checked++;
          }
        }
      }
    });
    expect(checked).toBeGreaterThan(200); // the generator really produces locked values with accounts below
  });

  it('changes nothing when a policy without operators is attached anywhere', () => {
    forEachCase((seed, type) => {
      const rng = seeded(seed);
      const tree = randomTree(rng, type);
      const inert = {
        id: 'p-inert',
        name: 'inert',
        content: JSON.stringify(type === 'TAG_POLICY' ? { tags: { team: { tag_value: {} }, other: {} } } : { services: { lex: { opt_out_policy: {} } } }),
      };
      const targets = new Set(
        pathsOf(tree)
          .filter(() => rng.chance(0.3))
          .map((p) => p.node.id),
      );
      const withInert = mapTree(tree, (n) => (targets.has(n.id) ? { ...n, policies: rng.chance(0.5) ? [inert, ...n.policies] : [...n.policies, inert] } : n));
      const before = contents(type, tree);
      const after = contents(type, withInert);
      // A node that had no policy at all now has one, so "null" may become the inherited document;
      // every account that already had an effective policy keeps it unchanged.
      for (const [id, content] of Object.entries(before)) {
        expect(after[id]).toEqual(content ?? (after[id] === null ? null : {}));
      }
    });
  });

  it('depends only on the attachment order within each node, not on sibling or snapshot order', () => {
    forEachCase((seed, type) => {
      const rng = seeded(seed);
      const tree = randomTree(rng, type);
      const shuffled = mapTree(tree, (n) => ({ ...n, children: rng.shuffle(n.children) }));
      expect(contents(type, shuffled)).toEqual(contents(type, tree));
      const snapshot = toSnapshot(type, tree);
      const reordered: OrgSnapshot = {
        nodes: rng.shuffle(snapshot.nodes),
        policies: rng.shuffle(snapshot.policies),
        attachments: rng.shuffle(snapshot.attachments),
      };
      const change = {
        kind: 'CREATE_AND_ATTACH' as const,
        policyId: 'p-new',
        name: 'new',
        content: randomPolicy(rng, type, 'p-new').content,
        targetIds: ['r-root'],
      };
      const a = previewPolicyChanges(type, snapshot, [change]);
      const b = previewPolicyChanges(type, reordered, [change]);
      const byId = (r: typeof a) => Object.fromEntries(r.impacts.map((i) => [i.accountId, i.after.content]));
      expect(byId(b)).toEqual(byId(a));
    });
  });

  it('does not change content when a copy of a policy is attached right after it on the same node', () => {
    forEachCase((seed, type) => {
      const rng = seeded(seed);
      const tree = randomTree(rng, type);
      const doubled = mapTree(tree, (n) => {
        const p = n.policies[0];
        // Right after the original: assign is then a same-node conflict with an equal value, append
        // de-duplicates and remove is idempotent. (Further along, a policy in between could change it.)
        return p && rng.chance(0.5) ? { ...n, policies: [p, { ...p, id: `${p.id}-copy` }, ...n.policies.slice(1)] } : n;
      });
      expect(contents(type, doubled)).toEqual(contents(type, tree));
    });
  });

  it('renders content without operators, exactly as minified JSON', () => {
    forEachCase((seed, type) => {
      for (const effective of computeEffectivePoliciesForTree(type, randomTree(seeded(seed), type)).values()) {
        if (!effective.content) continue;
        const text = renderEffectivePolicy(effective.content);
        expect(text).toBe(JSON.stringify(effective.content));
        expect(text).not.toContain('"@@');
      }
    });
  });

  it('reports an impact for exactly the accounts whose effective content differs', () => {
    forEachCase((seed, type) => {
      const rng = seeded(seed);
      const tree = randomTree(rng, type);
      const snapshot = toSnapshot(type, tree);
      const detach = snapshot.attachments.find((a) => a.policyIds.length > 0);
      const changes = detach ? [{ kind: 'DETACH' as const, policyId: detach.policyIds[0]!, targetId: detach.targetId }] : [];
      const result = previewPolicyChanges(type, snapshot, [
        ...changes,
        { kind: 'UPDATE_CONTENT', policyId: 'p-0', content: randomPolicy(rng, type, 'p-0').content },
      ]);
      expect(result.diagnostics.map((d) => d.message)).toEqual([]);
      expect(previewPolicyChanges(type, snapshot, []).impacts).toEqual([]);
      for (const impact of result.impacts) expect(impact.before.content).not.toEqual(impact.after.content);
    });
  });
});

function toSnapshot(type: GeneratedType, tree: TreeNode): OrgSnapshot {
  const snapshot: OrgSnapshot = { nodes: [], policies: [], attachments: [] };
  const seen = new Set<string>();
  const walk = (n: TreeNode, parentId: string | null): void => {
    snapshot.nodes.push({ id: n.id, kind: n.kind, name: n.name, parentId });
    snapshot.attachments.push({ targetId: n.id, policyIds: n.policies.map((p) => p.id) });
    for (const p of n.policies) {
      if (!seen.has(p.id)) snapshot.policies.push({ id: p.id, name: p.name, type, content: p.content });
      seen.add(p.id);
    }
    n.children.forEach((c) => walk(c, n.id));
  };
  walk(tree, null);
  if (!seen.has('p-0'))
    snapshot.policies.push({
      id: 'p-0',
      name: 'p-0',
      type,
      content: JSON.stringify(type === 'TAG_POLICY' ? { tags: {} } : { services: { lex: { opt_out_policy: { '@@assign': 'optIn' } } } }),
    });
  return snapshot;
}
