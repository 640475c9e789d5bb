import type { PolicyType } from '../../policy-type';
import { validatePolicy } from '../index';

/** "SEVERITY CODE path" for each diagnostic, so that a test reads as the list of problems it expects. */
export function problems(type: PolicyType, doc: unknown): string[] {
  return validatePolicy(type, JSON.stringify(doc)).diagnostics.map((d) => `${d.severity} ${d.code} ${d.path}`);
}
