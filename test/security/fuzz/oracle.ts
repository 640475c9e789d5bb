import { ApolloServerErrorCode } from '@apollo/server/errors';
import { getOperationAST, getVariableValues, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { ERROR_CODES } from '../../../src/domain/errors';
import type { GraphQLPayload } from './cases';
import { INJECTION_STRINGS } from './values';

/** Every code a GraphQL error may carry: orgql's domain codes and Apollo's request codes. */
export const KNOWN_ERROR_CODES: ReadonlySet<string> = new Set<string>([...ERROR_CODES, ...Object.values(ApolloServerErrorCode)]);

/** Statuses that are documented answers to a bad request (none is a 5xx). 431 is Node's own answer to oversized headers. */
export const ALLOWED_STATUSES: ReadonlySet<number> = new Set([200, 204, 400, 401, 403, 404, 405, 413, 415, 429, 431]);

/** The upstream operations that change something (everything the emulator counts but reads). */
export function isChangeOperation(name: string): boolean {
  return !/^(Describe|List)/.test(name);
}

export function changeCalls(calls: Record<string, number>): number {
  return Object.entries(calls).reduce((sum, [name, n]) => (isChangeOperation(name) ? sum + n : sum), 0);
}

const STACK_PATTERNS: readonly RegExp[] = [
  /\bat (?:async )?[\w$.<>]+ \((?:\/|node:|file:)[^)]*:\d+:\d+\)/,
  /\bat (?:\/|node:internal)[^\s]*:\d+:\d+/,
  /node_modules\//,
  /\/work\/main\//,
  /\.(?:ts|js):\d+:\d+/,
  /\b(?:TypeError|ReferenceError|RangeError|SyntaxError): [^"]*\n\s+at /,
];

const SQL_PATTERNS: readonly RegExp[] = [
  /\bSELECT\b[\s\S]{1,200}?\bFROM\b/i,
  /\bINSERT INTO\b/i,
  /\bUPDATE\s+"?\w+"?\s+SET\b/i,
  /\bDELETE FROM\b/i,
  /syntax error at or near/i,
  /violates (?:check|foreign key|unique|not-null) constraint/i,
  /duplicate key value/i,
  /relation "[^"]+" does not exist/i,
  /invalid byte sequence for encoding/i,
  /unsupported Unicode escape sequence/i,
  /Invalid `prisma\./,
  /PrismaClient\w*Error/,
  /\bP[12]\d{3}\b/,
  /\bSQLSTATE\b/i,
  /\bpg_catalog\b/,
  /\baudit_events?\b/i,
  /\bapi_keys\b/i,
];

/**
 * Internals a response must never show: stack traces, source paths, SQL, driver errors. Text the
 * request itself carried does not count, nor do the fuzzer's own injection strings (earlier cases
 * store them as ids in the audit log, and audit reports rightly show them again).
 */
export function leaks(responseText: string, requestText: string): string[] {
  const found: string[] = [];
  let text = responseText;
  for (const echo of INJECTION_STRINGS) text = text.split(echo).join('').split(JSON.stringify(echo).slice(1, -1)).join('');
  for (const pattern of [...STACK_PATTERNS, ...SQL_PATTERNS]) {
    const match = pattern.exec(text);
    if (match && !requestText.includes(match[0]) && !requestText.toLowerCase().includes(match[0].toLowerCase()))
      found.push(`${pattern.source}: ${match[0].slice(0, 80)}`);
  }
  return found;
}

export type LocalVerdict = 'parse' | 'validation' | 'variables' | 'ok';

export interface LocalCheck {
  readonly verdict: LocalVerdict;
  /** The operation that would run: its type and how many root fields it selects. */
  readonly operation: 'query' | 'mutation' | 'subscription' | undefined;
  readonly rootFields: number;
}

/**
 * What graphql-js alone says about the request (the gateway adds limits on top, so a limit probe
 * may be refused where this says ok): whether it parses, validates and its variables coerce.
 */
export function checkLocally(schema: GraphQLSchema, payload: GraphQLPayload, maxTokens: number): LocalCheck {
  if (typeof payload.query !== 'string') return { verdict: 'parse', operation: undefined, rootFields: 0 };
  let document: DocumentNode;
  try {
    document = parse(payload.query, { maxTokens });
  } catch {
    return { verdict: 'parse', operation: undefined, rootFields: 0 };
  }
  const operationName = typeof payload.operationName === 'string' ? payload.operationName : undefined;
  const op = getOperationAST(document, operationName);
  const shape = { operation: op?.operation as LocalCheck['operation'], rootFields: op?.selectionSet.selections.length ?? 0 };
  if (validate(schema, document).length > 0) return { verdict: 'validation', ...shape };
  if (!op) return { verdict: 'validation', ...shape };
  const inputs = payload.variables ?? {};
  if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) return { verdict: 'variables', ...shape };
  const coerced = getVariableValues(schema, op.variableDefinitions ?? [], inputs as Record<string, unknown>);
  if (coerced.errors) return { verdict: 'variables', ...shape };
  return { verdict: 'ok', ...shape };
}
