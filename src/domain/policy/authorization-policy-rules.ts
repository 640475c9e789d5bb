import type { Report } from './diagnostic';
import { childPath, indexPath } from './json-path';

/**
 * SCP / RCP documents: IAM policy language, no @@ inheritance operators
 * (user guide "SCP syntax", "RCP syntax"; digest §b table "SCP / RCP: n/a").
 * Rules enforced: `Version` "2012-10-17" (required, choice: the older "2008-10-17" is rejected because
 * Organizations documents only the current version); `Statement` an object or non-empty array; each
 * statement has `Effect` Allow|Deny (case-sensitive), exactly one of Action/NotAction, exactly one of
 * Resource/NotResource. SCPs take no Principal/NotPrincipal (they apply to the account's principals).
 * RCPs: `Principal` must be "*" (or {"AWS":"*"}), NotPrincipal is not supported, and customer RCPs
 * may only Deny (RCPFullAWSAccess is AWS managed and never validated here).
 */
export type AuthorizationKind = 'SCP' | 'RCP';

const TOP_KEYS = ['Version', 'Id', 'Statement'];
const STATEMENT_KEYS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition', 'Principal', 'NotPrincipal'];
const ACTION = /^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function checkAuthorizationDocument(doc: Record<string, unknown>, kind: AuthorizationKind, report: Report): void {
  reportOperators(doc, '$', report);
  for (const key of Object.keys(doc)) {
    if (!TOP_KEYS.includes(key) && !key.startsWith('@@'))
      report('ERROR', 'UNKNOWN_KEY', childPath('$', key), `"${key}" is not a valid top-level policy element.`);
  }
  if (!('Version' in doc)) report('ERROR', 'MISSING_KEY', '$.Version', 'The policy must contain "Version": "2012-10-17".');
  else if (doc.Version !== '2012-10-17') report('ERROR', 'INVALID_VALUE', '$.Version', 'Version must be "2012-10-17".');
  const statements = doc.Statement;
  if (statements === undefined) {
    report('ERROR', 'MISSING_KEY', '$.Statement', 'The policy must contain a Statement.');
  } else if (isObject(statements)) {
    checkStatement(statements, '$.Statement', kind, report);
  } else if (Array.isArray(statements) && statements.length > 0) {
    statements.forEach((s, i) => {
      const path = indexPath('$.Statement', i);
      if (isObject(s)) checkStatement(s, path, kind, report);
      else report('ERROR', 'INVALID_TYPE', path, 'Each statement must be a JSON object.');
    });
  } else {
    report('ERROR', 'INVALID_TYPE', '$.Statement', 'Statement must be an object or a non-empty array of objects.');
  }
}

function checkStatement(s: Record<string, unknown>, path: string, kind: AuthorizationKind, report: Report): void {
  for (const key of Object.keys(s)) {
    if (!STATEMENT_KEYS.includes(key) && !key.startsWith('@@'))
      report('ERROR', 'UNKNOWN_KEY', childPath(path, key), `"${key}" is not a valid statement element.`);
  }
  if (s.Sid !== undefined && (typeof s.Sid !== 'string' || !/^[A-Za-z0-9]*$/.test(s.Sid))) {
    report('ERROR', 'INVALID_VALUE', childPath(path, 'Sid'), 'Sid must be a string of letters and digits.');
  }
  if (s.Effect === undefined) report('ERROR', 'MISSING_KEY', childPath(path, 'Effect'), 'Each statement must have an Effect.');
  else if (s.Effect !== 'Allow' && s.Effect !== 'Deny') report('ERROR', 'INVALID_VALUE', childPath(path, 'Effect'), 'Effect must be "Allow" or "Deny".');
  else if (kind === 'RCP' && s.Effect !== 'Deny')
    report('ERROR', 'INVALID_VALUE', childPath(path, 'Effect'), 'Resource control policies support only "Deny" statements.');
  exactlyOne(s, 'Action', 'NotAction', path, report, (v, p) =>
    checkStrings(v, p, report, (a, ap) => {
      if (!ACTION.test(a)) report('ERROR', 'INVALID_VALUE', ap, `"${a}" is not an action of the form service:Action or "*".`);
    }),
  );
  exactlyOne(s, 'Resource', 'NotResource', path, report, (v, p) => checkStrings(v, p, report, () => undefined));
  if (s.Condition !== undefined && !isObject(s.Condition)) report('ERROR', 'INVALID_TYPE', childPath(path, 'Condition'), 'Condition must be a JSON object.');
  if (kind === 'SCP') {
    for (const key of ['Principal', 'NotPrincipal']) {
      if (key in s) report('ERROR', 'UNKNOWN_KEY', childPath(path, key), `Service control policies do not support ${key}.`);
    }
  } else {
    if ('NotPrincipal' in s) report('ERROR', 'UNKNOWN_KEY', childPath(path, 'NotPrincipal'), 'Resource control policies do not support NotPrincipal.');
    const p = s.Principal;
    const star = p === '*' || (isObject(p) && Object.keys(p).length === 1 && p.AWS === '*');
    if (p === undefined) report('ERROR', 'MISSING_KEY', childPath(path, 'Principal'), 'Resource control policy statements must have "Principal": "*".');
    else if (!star)
      report('ERROR', 'INVALID_VALUE', childPath(path, 'Principal'), 'Principal must be "*" in a resource control policy; restrict principals with Condition.');
  }
}

function exactlyOne(s: Record<string, unknown>, a: string, b: string, path: string, report: Report, check: (v: unknown, p: string) => void): void {
  const hasA = a in s;
  const hasB = b in s;
  if (hasA && hasB) report('ERROR', 'INVALID_VALUE', path, `A statement must not contain both ${a} and ${b}.`);
  else if (!hasA && !hasB) report('ERROR', 'MISSING_KEY', childPath(path, a), `A statement must contain ${a} or ${b}.`);
  else check(s[hasA ? a : b], childPath(path, hasA ? a : b));
}

function checkStrings(v: unknown, path: string, report: Report, each: (s: string, p: string) => void): void {
  if (typeof v === 'string') return each(v, path);
  if (!Array.isArray(v) || v.length === 0) {
    report('ERROR', 'INVALID_TYPE', path, 'This element must be a string or a non-empty array of strings.');
    return;
  }
  v.forEach((item, i) => {
    if (typeof item === 'string') each(item, indexPath(path, i));
    else report('ERROR', 'INVALID_TYPE', indexPath(path, i), 'Each element must be a string.');
  });
}

/** Inheritance operators have no meaning in authorization policies. */
function reportOperators(value: unknown, path: string, report: Report): void {
  if (Array.isArray(value)) value.forEach((v, i) => reportOperators(v, indexPath(path, i), report));
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const here = childPath(path, k);
      if (k.startsWith('@@')) report('ERROR', 'OPERATOR_NOT_ALLOWED', here, `${k} is an inheritance operator, which authorization policies do not support.`);
      else reportOperators(v, here, report);
    }
  }
}
