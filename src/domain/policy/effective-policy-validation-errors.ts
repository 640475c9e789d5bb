import type { PolicyType } from '../policy-type';
import { elementLimitsOf, type ElementLimit } from './effective-policy-limits';
import type { EffectivePolicy, ProvenanceEntry } from './effective-types';
import { childPath, ROOT_PATH } from './json-path';

/**
 * One reason an effective policy is invalid, in the shape of AWS's EffectivePolicyValidationError
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_EffectivePolicyValidationError.html):
 * the code, a message, the JSON path in the effective document, and the policies that put elements there.
 */
export interface EffectivePolicyValidationError {
  code: 'ELEMENTS_TOO_MANY';
  message: string;
  path: string;
  /** Policies that contributed a value at or below `path`, in the order the engine met them. */
  contributingPolicyIds: string[];
}

/**
 * The validation errors of an account's effective policy (empty when it is valid or when no policy
 * of the type applies). Pure: a function of the merged content and its provenance.
 */
export function effectivePolicyValidationErrors(
  type: PolicyType,
  effective: { readonly content: EffectivePolicy['content']; readonly provenance: readonly ProvenanceEntry[] },
): EffectivePolicyValidationError[] {
  if (effective.content === null) return [];
  const errors: EffectivePolicyValidationError[] = [];
  for (const limit of elementLimitsOf(type)) {
    visit(effective.content, limit, 0, ROOT_PATH, (value, path) => {
      const count = elementCount(value);
      if (count > limit.max) {
        errors.push({
          code: 'ELEMENTS_TOO_MANY',
          message: `${path} has ${count} ${limit.what}; at most ${limit.max} are allowed.`,
          path,
          contributingPolicyIds: contributorsAt(effective.provenance, path),
        });
      }
    });
  }
  return errors;
}

function visit(value: unknown, limit: ElementLimit, depth: number, path: string, found: (value: unknown, path: string) => void): void {
  if (depth === limit.keys.length) {
    found(value, path);
    return;
  }
  if (!isObject(value)) return;
  const key = limit.keys[depth]!;
  const keys = key === '*' ? Object.keys(value) : Object.prototype.hasOwnProperty.call(value, key) ? [key] : [];
  for (const k of keys) visit(value[k], limit, depth + 1, childPath(path, k), found);
}

function elementCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return isObject(value) ? Object.keys(value).length : 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A removal takes elements away, so only the policies that set a value below the path contributed. */
function contributorsAt(provenance: readonly ProvenanceEntry[], path: string): string[] {
  const ids = new Set<string>();
  for (const entry of provenance) {
    if (entry.operator === '@@remove') continue;
    if (entry.path === path || entry.path.startsWith(`${path}.`) || entry.path.startsWith(`${path}[`)) ids.add(entry.policyId);
  }
  return [...ids];
}
