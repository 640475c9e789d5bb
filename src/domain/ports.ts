import type { Organization, Root } from './organization';
import type { PolicyType } from './policy-type';

/**
 * What orgql needs from AWS Organizations. Implemented by src/upstream (AWS SDK); resolvers depend
 * on this interface only. Failures are OrgqlErrors with domain codes, never AWS exception types.
 */
export interface OrganizationsPort {
  describeOrganization(): Promise<Organization>;
  listRoots(): Promise<Root[]>;
  enablePolicyType(rootId: string, type: PolicyType): Promise<Mutated<Root>>;
}

/** A mutation's result together with the upstream request id (joins the audit log to CloudTrail). */
export interface Mutated<T> {
  readonly value: T;
  readonly upstreamRequestId: string | undefined;
}

export interface Actor {
  readonly id: string;
  readonly type: 'ANONYMOUS' | 'API_KEY' | 'JWT' | 'SYSTEM';
}

export interface AuditIntent {
  readonly actor: Actor;
  readonly requestId: string | undefined;
  /** The GraphQL mutation, e.g. `enablePolicyType`. */
  readonly operation: string;
  /** The Organizations API action, e.g. `EnablePolicyType`. */
  readonly upstreamAction: string;
  readonly targetType: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT' | 'POLICY' | undefined;
  readonly targetId: string | undefined;
  /** The policy the change concerns, when there is one (create/update/delete/attach/detach). */
  readonly policyId?: string | undefined;
  readonly policyType?: PolicyType | undefined;
  readonly arguments: Readonly<Record<string, unknown>>;
  /** The affected state read just before the change (e.g. the policy document, the target's attachments). */
  readonly stateBefore?: unknown;
  /** Caller-supplied key that makes a retried mutation return the first result. */
  readonly idempotencyKey?: string | undefined;
}

export type AuditResult =
  | { readonly outcome: 'SUCCEEDED'; readonly upstreamRequestId: string | undefined; readonly stateAfter?: unknown }
  | { readonly outcome: 'FAILED' | 'UNKNOWN'; readonly errorCode: string; readonly errorMessage: string; readonly upstreamRequestId?: string | undefined };

/** The audit log's only way in: an intent before the change, its result after. */
export interface AuditRecorder {
  recordIntent(intent: AuditIntent): Promise<string>;
  recordResult(intentId: string, result: AuditResult): Promise<string>;
}
