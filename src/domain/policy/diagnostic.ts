/**
 * Diagnostics returned by policy validation and by the what-if preview.
 * Codes are stable SCREAMING_SNAKE strings: callers (GraphQL error mapping, the emulator's
 * MalformedPolicyDocumentException) switch on them, so never rename one.
 */
export type Severity = 'ERROR' | 'WARNING';

export const DIAGNOSTIC_CODES = [
  'INVALID_JSON',
  'DUPLICATE_KEY',
  'CONTENT_TOO_LONG',
  'INVALID_TYPE',
  'UNKNOWN_KEY',
  'MISSING_KEY',
  'UNKNOWN_OPERATOR',
  'OPERATOR_NOT_ALLOWED',
  'MISSING_OPERATOR',
  'CONFLICTING_OPERATORS',
  'INVALID_VALUE',
  'UNKNOWN_SERVICE',
  'TAG_KEY_MISMATCH',
  'INVALID_WILDCARD',
  // what-if only
  'POLICY_NOT_FOUND',
  'TARGET_NOT_FOUND',
  'POLICY_TYPE_MISMATCH',
  'DUPLICATE_ATTACHMENT',
  'POLICY_NOT_ATTACHED',
  'ATTACHMENT_LIMIT_EXCEEDED',
  'INVALID_MOVE',
  'UNKNOWN_PARENT',
  'DUPLICATE_POLICY_ID',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export interface Diagnostic {
  severity: Severity;
  /** stable, SCREAMING_SNAKE, one of DIAGNOSTIC_CODES */
  code: string;
  /** JSON path like $.services.lex.opt_out_policy.@@assign */
  path: string;
  /** one plain sentence */
  message: string;
  line?: number;
  column?: number;
}

export interface ValidationResult {
  /** true when there is no ERROR diagnostic */
  valid: boolean;
  diagnostics: Diagnostic[];
}

export function toValidationResult(diagnostics: Diagnostic[]): ValidationResult {
  return { valid: !diagnostics.some((d) => d.severity === 'ERROR'), diagnostics };
}

/** Collects diagnostics while a validator walks a document. */
export type Report = (severity: Severity, code: DiagnosticCode, path: string, message: string) => void;
