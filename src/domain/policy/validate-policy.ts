import { isManagementPolicyType, policyTypeLimits, type PolicyType } from '../policy-type';
import { checkAuthorizationDocument } from './authorization-policy-rules';
import { type Diagnostic, type DiagnosticCode, type Report, type Severity, toValidationResult, type ValidationResult } from './diagnostic';
import { lineColumnAt, parseJsonWithPositions } from './json-source';
import { checkManagementDocument } from './management-grammar';
import { managementGrammarFor } from './policy-grammars';

/**
 * What CreatePolicy / UpdatePolicy accept for `Content`.
 * Order: size (digest §c: the raw Content length counts, POLICY_CONTENT_LIMIT_EXCEEDED), then JSON
 * syntax, then the type's grammar. The size error does not stop the other checks, so a user fixing a
 * long document sees every problem at once.
 * Choice: duplicate keys are an ERROR. JSON.parse would silently keep the last one, which makes the
 * stored policy mean something other than what the author sees.
 */
export function validatePolicy(type: PolicyType, content: string): ValidationResult {
  const diagnostics: Diagnostic[] = [];
  const { maxContentLength } = policyTypeLimits(type);
  if (content.length > maxContentLength) {
    diagnostics.push({
      severity: 'ERROR',
      code: 'CONTENT_TOO_LONG',
      path: '$',
      message: `The policy has ${content.length} characters, more than the ${maxContentLength} allowed for ${type}.`,
    });
  }
  const parsed = parseJsonWithPositions(content);
  if (!parsed.ok) {
    const at = lineColumnAt(content, parsed.error.offset);
    const message = content.trim() === '' ? 'The policy document is empty.' : parsed.error.message;
    diagnostics.push({ severity: 'ERROR', code: 'INVALID_JSON', path: '$', message, ...at });
    return toValidationResult(diagnostics);
  }
  const locate = (path: string): { line?: number; column?: number } => {
    // Report at the nearest located ancestor (e.g. a missing key is reported at its parent).
    for (let p = path; p.length > 0; p = parentOf(p)) {
      const offset = parsed.positions.get(p);
      if (offset !== undefined) return lineColumnAt(content, offset);
    }
    return {};
  };
  const report: Report = (severity: Severity, code: DiagnosticCode, path: string, message: string) => {
    diagnostics.push({ severity, code, path, message, ...locate(path) });
  };
  for (const dup of parsed.duplicates) {
    diagnostics.push({
      severity: 'ERROR',
      code: 'DUPLICATE_KEY',
      path: dup.path,
      message: `The key ${JSON.stringify(dup.key)} appears more than once in the same object.`,
      ...lineColumnAt(content, dup.offset),
    });
  }
  const doc = parsed.value;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    report('ERROR', 'INVALID_TYPE', '$', 'The policy document must be a JSON object.');
    return toValidationResult(diagnostics);
  }
  const record = doc as Record<string, unknown>;
  if (isManagementPolicyType(type)) checkManagementDocument(record, managementGrammarFor(type), report);
  else checkAuthorizationDocument(record, type === 'RESOURCE_CONTROL_POLICY' ? 'RCP' : 'SCP', report);
  return toValidationResult(diagnostics);
}

/** `$.a.b[0]` → `$.a.b`, `$.a["x.y"]` → `$.a`, `$` → ``. */
function parentOf(path: string): string {
  if (path === '$') return '';
  if (path.endsWith(']')) {
    const open = path.endsWith('"]') ? findQuotedOpen(path) : path.lastIndexOf('[');
    return path.slice(0, open);
  }
  return path.slice(0, path.lastIndexOf('.'));
}

function findQuotedOpen(path: string): number {
  // Walk back over the JSON string literal to its opening `["`.
  for (let i = path.length - 3; i > 0; i--) {
    if (path[i] === '"' && path[i - 1] === '[') {
      let slashes = 0;
      for (let j = i - 2; j >= 0 && path[j] === '\\'; j--) slashes++;
      if (slashes % 2 === 0) return i - 1;
    }
  }
  return path.lastIndexOf('[');
}
