import { ASSIGN, APPEND, isOperatorKey } from './operators';

/**
 * AWS's PolicyContent string for DescribeEffectivePolicy: minified JSON, operators stripped and
 * values inlined (digest §a "Effective policy rendering": {"services":{"lex":{"opt_out_policy":"optIn"}}}).
 * Effective content from computeEffectivePolicy has no operators already; stripping here as well makes
 * the function total (a `{"@@assign": v}` object renders as v, other `@@` keys are dropped).
 */
export function renderEffectivePolicy(content: Record<string, unknown>): string {
  return JSON.stringify(strip(content));
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (typeof value !== 'object' || value === null) return value;
  const obj = value as Record<string, unknown>;
  if (ASSIGN in obj) return strip(obj[ASSIGN]);
  if (APPEND in obj) return strip(obj[APPEND]);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (!isOperatorKey(k)) Object.defineProperty(out, k, { value: strip(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
