import { OrgqlError } from '../domain/errors';
import { malformedPolicyMessage, validatePolicy } from '../domain/policy';
import type { PolicyType } from '../domain/policy-type';

/**
 * The text sent upstream as `Content`. A string is taken as the exact document text (AWS stores
 * CLI/SDK content as sent, so formatting is kept); any other JSON value is serialised compactly.
 */
export function documentText(content: unknown): string {
  return typeof content === 'string' ? content : JSON.stringify(content);
}

/**
 * Refuses a document the engine finds malformed, before anything reaches AWS, with every
 * diagnostic in the error's extensions (AWS itself answers MalformedPolicyDocumentException with
 * one sentence and no location).
 */
export function assertValidPolicy(type: PolicyType, text: string): void {
  const result = validatePolicy(type, text);
  if (!result.valid) throw new OrgqlError('POLICY_MALFORMED', malformedPolicyMessage(result), { diagnostics: result.diagnostics });
}
