import type { Diagnostic, ValidationResult } from './diagnostic';

/**
 * Message text for MalformedPolicyDocumentException. The first sentence is the wording AWS returns
 * for a document that fails policy-type validation; we append the first few ERROR diagnostics so a
 * caller can fix the document without a second round trip. Warnings never appear here.
 * Stable: same diagnostics, same text (tests pin it). Empty string for a valid result.
 */
export const MALFORMED_POLICY_PREFIX = 'The provided policy document does not meet the requirements of the specified policy type.';
const MAX_LISTED = 5;

export function malformedPolicyMessage(result: ValidationResult): string {
  const errors = result.diagnostics.filter((d) => d.severity === 'ERROR');
  if (errors.length === 0) return '';
  const listed = errors.slice(0, MAX_LISTED).map(describe);
  const more = errors.length > MAX_LISTED ? ` (and ${errors.length - MAX_LISTED} more)` : '';
  return `${MALFORMED_POLICY_PREFIX} ${listed.join(' ')}${more}`;
}

function describe(d: Diagnostic): string {
  const where = d.line !== undefined ? ` (line ${d.line}, column ${d.column ?? 1})` : '';
  return `[${d.code}] ${d.path}${where}: ${d.message}`;
}
