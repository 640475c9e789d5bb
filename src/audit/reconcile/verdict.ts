import type { AuditEventRecord } from '../../domain/audit-log';
import type { OrganizationsReader } from '../../domain/ports';

/** What the reconciler concluded about a dangling intent, and why. */
export interface Verdict {
  readonly outcome: 'SUCCEEDED' | 'FAILED' | 'UNKNOWN';
  readonly reason: string;
}

/**
 * Looks at the upstream state to decide whether an intent's change happened. Throws only for
 * transient failures (the intent is then retried on the next pass); a missing object is a verdict.
 */
export type ReconcileCheck = (intent: AuditEventRecord, organizations: OrganizationsReader) => Promise<Verdict>;

export const succeeded = (reason: string): Verdict => ({ outcome: 'SUCCEEDED', reason });
export const failed = (reason: string): Verdict => ({ outcome: 'FAILED', reason });

/** A string argument of the intent, top level or inside `input` (mutations take either shape). */
export function argument(intent: AuditEventRecord, ...names: string[]): string | undefined {
  const args = (intent.arguments ?? {}) as Record<string, unknown>;
  const input = (typeof args.input === 'object' && args.input !== null ? args.input : {}) as Record<string, unknown>;
  for (const name of names) {
    const value = args[name] ?? input[name];
    if (typeof value === 'string') return value;
  }
  return undefined;
}
