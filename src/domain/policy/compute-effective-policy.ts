import { isManagementPolicyType, type PolicyType } from '../policy-type';
import { compilePolicy, type CompiledOp } from './compile-policy';
import type { EffectivePolicy, PathNode } from './effective-types';
import { applyNode, type Compile, INITIAL_STATE, type MergeState } from './merge-state';
import { stateToEffectivePolicy } from './state-to-effective-policy';

/**
 * Effective policy for one account: path = [root, ou..., account] (digest §b "Evaluation order").
 * Choice: SCP and RCP have no effective policy (they are not in EffectivePolicyType); for them this
 * returns content null rather than throwing, so callers can treat "no effective policy" uniformly.
 */
export function computeEffectivePolicy(type: PolicyType, path: PathNode[]): EffectivePolicy {
  if (!isManagementPolicyType(type)) return { content: null, provenance: [], ignoredChanges: [] };
  const compile = cachedCompiler();
  const state = path.reduce<MergeState>((s, node) => applyNode(type, s, node, compile), INITIAL_STATE);
  return stateToEffectivePolicy(state);
}

/** Compiles each distinct policy text once per computation (policies are attached at many nodes). */
export function cachedCompiler(): Compile {
  const cache = new Map<string, readonly CompiledOp[]>();
  return (type, content) => {
    let ops = cache.get(content);
    if (!ops) {
      ops = compilePolicy(type, content);
      cache.set(content, ops);
    }
    return ops;
  };
}
