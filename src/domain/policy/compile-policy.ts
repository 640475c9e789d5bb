import type { PolicyType } from '../policy-type';
import { keyNormalizerFor } from './key-normalization';
import { allowedByChildControl, CHILD_CONTROL, isOperatorKey, isValueOperator, type ValueOperator } from './operators';

/**
 * A policy document flattened into the operations the merge applies, in document order.
 * Containers without operators compile to nothing: a policy with no operators changes nothing.
 * Content is promised valid; anything the validator would reject (e.g. @@append of a non-array,
 * unknown @@x, bare values) is skipped rather than guessed at.
 */
export type CompiledOp =
  | { kind: 'value'; keys: readonly string[]; pathKey: string; operator: ValueOperator; value: unknown }
  | { kind: 'lock'; keys: readonly string[]; pathKey: string; allowed: ReadonlySet<ValueOperator> };

/** Path identity that makes prefix tests cheap: [] → "", ["a","b"] → "\0a\0b". */
export function pathKeyOf(keys: readonly string[]): string {
  let out = '';
  for (const k of keys) out += `\u0000${k}`;
  return out;
}

export function isPathPrefix(prefixKey: string, pathKey: string): boolean {
  return pathKey === prefixKey || pathKey.startsWith(`${prefixKey}\u0000`);
}

export function compilePolicy(type: PolicyType, content: string): CompiledOp[] {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    return []; // documented choice: unparseable content contributes nothing
  }
  const ops: CompiledOp[] = [];
  const normalize = keyNormalizerFor(type);
  const walk = (obj: Record<string, unknown>, keys: string[]): void => {
    const pathKey = pathKeyOf(keys);
    const control = obj[CHILD_CONTROL];
    if (Array.isArray(control)) ops.push({ kind: 'lock', keys, pathKey, allowed: allowedByChildControl(control) });
    for (const [key, value] of Object.entries(obj)) {
      if (isValueOperator(key)) {
        if (keys.length === 0) continue; // a value needs a setting name
        if (key !== '@@assign' && !Array.isArray(value)) continue;
        ops.push({ kind: 'value', keys, pathKey, operator: key, value });
      } else if (!isOperatorKey(key) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
        walk(value as Record<string, unknown>, [...keys, normalize(keys, key)]);
      }
    }
  };
  if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) walk(doc as Record<string, unknown>, []);
  return ops;
}
