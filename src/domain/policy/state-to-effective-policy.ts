import type { EffectivePolicy, ProvenanceEntry } from './effective-types';
import { childPath, indexPath, ROOT_PATH } from './json-path';
import type { MergeNode, Source } from './merge-tree';
import type { MergeState } from './merge-state';

/**
 * Turns a merge state into the public EffectivePolicy: operators are already gone (the tree only
 * holds values), every leaf value carries its provenance. Arrays get one entry per element
 * (`$.tags.costcenter.tag_value[2]`) plus one `@@remove` entry per removal that took effect, at the
 * array's path, so a reader can see why an inherited value is missing.
 * content is null only when no policy of the type is attached anywhere on the path
 * (DescribeEffectivePolicy's EffectivePolicyNotFoundException for a member account).
 */
export function stateToEffectivePolicy(state: MergeState): EffectivePolicy {
  if (!state.anyPolicy) return { content: null, provenance: [], ignoredChanges: [...state.ignored] };
  const provenance: ProvenanceEntry[] = [];
  const content = renderNode(state.root, ROOT_PATH, provenance) as Record<string, unknown>;
  return { content, provenance, ignoredChanges: [...state.ignored] };
}

function entry(path: string, value: unknown, source: Source, operator: ProvenanceEntry['operator']): ProvenanceEntry {
  return { path, value, policyId: source.policyId, policyName: source.policyName, nodeId: source.nodeId, nodeKind: source.nodeKind, operator };
}

function renderNode(node: MergeNode, path: string, provenance: ProvenanceEntry[]): unknown {
  switch (node.kind) {
    case 'scalar': {
      // Object-valued @@assign values are shared by every account: hand each caller its own copy.
      const value = typeof node.value === 'object' && node.value !== null ? structuredClone(node.value) : node.value;
      provenance.push(entry(path, value, node.source, '@@assign'));
      return value;
    }
    case 'array': {
      const values = node.elements.map((e, i) => {
        const value = typeof e.value === 'object' && e.value !== null ? structuredClone(e.value) : e.value;
        provenance.push(entry(indexPath(path, i), value, e.source, e.operator));
        return value;
      });
      for (const r of node.removals) provenance.push(entry(path, [...r.values], r.source, '@@remove'));
      return values;
    }
    case 'container': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of node.children) {
        Object.defineProperty(out, key, { value: renderNode(child, childPath(path, key), provenance), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}
