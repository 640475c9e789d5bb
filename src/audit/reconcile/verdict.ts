import type { AuditEventRecord } from '../../domain/audit-log';
import type { OrganizationsReader } from '../../domain/ports';
import type { MutationResolvers } from '../../generated/graphql';

/** What the reconciler concluded about an intent whose outcome was not known, and why. */
export interface Verdict {
  readonly outcome: 'SUCCEEDED' | 'FAILED' | 'UNKNOWN';
  readonly reason: string;
  /** On SUCCEEDED, the change's value as upstream shows it now (replayed to a retry with the same idempotency key). */
  readonly value?: unknown;
}

/**
 * Looks at the upstream state, and the state before recorded on the intent, to decide whether the
 * intent's change happened. Throws only for transient failures (the intent is then retried on the
 * next pass); a missing object is a verdict.
 */
export type ReconcileCheck = (intent: AuditEventRecord, organizations: OrganizationsReader) => Promise<Verdict>;

/** The names of the GraphQL mutations (the generated resolver map without its index signature). */
export type MutationName = keyof { [K in keyof MutationResolvers as string extends K ? never : number extends K ? never : K]: unknown };

export const succeeded = (reason: string, value?: unknown): Verdict => ({ outcome: 'SUCCEEDED', reason, ...(value === undefined ? {} : { value }) });
export const failed = (reason: string): Verdict => ({ outcome: 'FAILED', reason });
export const unknown = (reason: string): Verdict => ({ outcome: 'UNKNOWN', reason });

/** A string argument of the intent, top level or inside `input` (mutations take either shape). */
export function argument(intent: AuditEventRecord, ...names: string[]): string | undefined {
  const value = rawArgument(intent, ...names);
  return typeof value === 'string' ? value : undefined;
}

export function rawArgument(intent: AuditEventRecord, ...names: string[]): unknown {
  const args = (intent.arguments ?? {}) as Record<string, unknown>;
  const input = (typeof args.input === 'object' && args.input !== null ? args.input : {}) as Record<string, unknown>;
  for (const name of names) {
    const value = args[name] ?? input[name];
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A member of the state recorded before the change; `undefined` when that state was not recorded. */
export function before(intent: AuditEventRecord, member: string): unknown {
  const state = intent.stateBefore;
  if (typeof state !== 'object' || state === null || !(member in state)) return undefined;
  return (state as Record<string, unknown>)[member];
}

/**
 * The verdict when the effect is there now: SUCCEEDED only if it was not there before the call.
 * `wasThere`: true (already so before: the call did nothing, or AWS refused it), false (not so
 * before), undefined (the state before was not recorded: cannot tell).
 */
export function creditedIf(wasThere: boolean | undefined, what: string, refusedWhenThere: boolean, value?: unknown): Verdict {
  if (wasThere === undefined) return unknown(`${what} upstream, but the state before the call was not recorded, so this call cannot be credited with it`);
  if (wasThere) {
    return refusedWhenThere
      ? failed(`${what} upstream, but it already was before the call, and AWS refuses such a call`)
      : unknown(`${what} upstream, but it already was before the call, so this call cannot be credited with it`);
  }
  return succeeded(`${what} upstream, and was not before the call`, value);
}
