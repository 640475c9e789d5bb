import type { Account } from './account';
import type { CreateAccountRequest, CreateAccountStatus } from './create-account';
import type { Organization, Root } from './organization';
import type { OrganizationalUnit } from './organizational-unit';
import type { CreatePolicyRequest, Policy, PolicySummary, UpdatePolicyRequest } from './organization-policy';
import type { PolicyType } from './policy-type';
import type { Tag } from './tag';

/**
 * What orgql reads from AWS Organizations. Implemented by src/upstream (AWS SDK); resolvers depend
 * on this interface only. Failures are OrgqlErrors with domain codes, never AWS exception types.
 */
export interface OrganizationsReader {
  describeOrganization(): Promise<Organization>;
  listRoots(): Promise<Root[]>;
  // Tree reads. Every list call follows NextToken to the end.
  listOrganizationalUnitsForParent(parentId: string): Promise<OrganizationalUnit[]>;
  listAccountsForParent(parentId: string): Promise<Account[]>;
  /** The parent of an OU or account (an entity has exactly one). */
  listParent(childId: string): Promise<ParentRef>;
  describeAccount(accountId: string): Promise<Account>;
  describeOrganizationalUnit(ouId: string): Promise<OrganizationalUnit>;
  listTagsForResource(resourceId: string): Promise<Tag[]>;
  // Policy reads.
  describePolicy(policyId: string): Promise<Policy>;
  listPolicies(type: PolicyType): Promise<PolicySummary[]>;
  /** Policies of `type` attached directly to the target, in the order upstream lists them (attachment order). */
  listPoliciesForTarget(targetId: string, type: PolicyType): Promise<PolicySummary[]>;
  listTargetsForPolicy(policyId: string): Promise<ParentRef[]>;
  /** DescribeEffectivePolicy; null when no policy of the type applies (EffectivePolicyNotFoundException). */
  describeEffectivePolicy(accountId: string, type: PolicyType): Promise<UpstreamEffectivePolicy | null>;
  // Account creation requests.
  /** DescribeCreateAccountStatus; NOT_FOUND for an unknown request id. */
  describeCreateAccountStatus(requestId: string): Promise<CreateAccountStatus>;
  /** ListCreateAccountStatus, every state, to the end. */
  listCreateAccountStatuses(): Promise<CreateAccountStatus[]>;
}

/** Every read of the reader port by name, for wrappers that decorate each read (call counting, per-request mirror views). */
export const ORGANIZATIONS_READS = [
  'describeOrganization',
  'listRoots',
  'listOrganizationalUnitsForParent',
  'listAccountsForParent',
  'listParent',
  'describeAccount',
  'describeOrganizationalUnit',
  'listTagsForResource',
  'describePolicy',
  'listPolicies',
  'listPoliciesForTarget',
  'listTargetsForPolicy',
  'describeEffectivePolicy',
  'describeCreateAccountStatus',
  'listCreateAccountStatuses',
] as const satisfies ReadonlyArray<keyof OrganizationsReader>;
// A read added to OrganizationsReader but missing above does not compile.
const everyReadListed: [Exclude<keyof OrganizationsReader, (typeof ORGANIZATIONS_READS)[number]>] extends [never] ? true : never = true;
void everyReadListed;

/**
 * The changes orgql can make in AWS Organizations. Held only by the audited change
 * (src/graphql/audited-mutation.ts), so no resolver can change Organizations without its record.
 */
export interface OrganizationsWriter {
  enablePolicyType(rootId: string, type: PolicyType): Promise<Mutated<Root>>;
  disablePolicyType(rootId: string, type: PolicyType): Promise<Mutated<Root>>;
  createPolicy(request: CreatePolicyRequest): Promise<Mutated<Policy>>;
  updatePolicy(request: UpdatePolicyRequest): Promise<Mutated<Policy>>;
  deletePolicy(policyId: string): Promise<Mutated<void>>;
  attachPolicy(policyId: string, targetId: string): Promise<Mutated<void>>;
  detachPolicy(policyId: string, targetId: string): Promise<Mutated<void>>;
  createOrganizationalUnit(parentId: string, name: string, tags: readonly Tag[]): Promise<Mutated<OrganizationalUnit>>;
  updateOrganizationalUnit(ouId: string, name: string): Promise<Mutated<OrganizationalUnit>>;
  deleteOrganizationalUnit(ouId: string): Promise<Mutated<void>>;
  moveAccount(accountId: string, sourceParentId: string, destinationParentId: string): Promise<Mutated<void>>;
  tagResource(resourceId: string, tags: readonly Tag[]): Promise<Mutated<void>>;
  untagResource(resourceId: string, tagKeys: readonly string[]): Promise<Mutated<void>>;
  /** Starts creating an account; the status answered is usually IN_PROGRESS (see describeCreateAccountStatus). */
  createAccount(request: CreateAccountRequest): Promise<Mutated<CreateAccountStatus>>;
  /** Starts closing a member account; it reads PENDING_CLOSURE until AWS has closed it. */
  closeAccount(accountId: string): Promise<Mutated<void>>;
}

/** Both halves, as the SDK adapter implements them. */
export interface OrganizationsPort extends OrganizationsReader, OrganizationsWriter {}

/** A root, OU or account named by id (ListParents, ListTargetsForPolicy). */
export interface ParentRef {
  readonly id: string;
  readonly kind: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
}

export interface UpstreamEffectivePolicy {
  /** The rendered document (operators stripped), as text. */
  readonly content: string;
  readonly lastUpdatedAt: Date | undefined;
}

/** A mutation's result together with the upstream request id (joins the audit log to CloudTrail). */
export interface Mutated<T> {
  readonly value: T;
  readonly upstreamRequestId: string | undefined;
}

export interface Actor {
  readonly id: string;
  /** AWS: a principal that changed Organizations directly, outside orgql (recorded from the mirror's drift). */
  readonly type: 'ANONYMOUS' | 'API_KEY' | 'JWT' | 'SYSTEM' | 'AWS';
  /** A human-readable name for reports (e.g. the key's label or the token's name claim). */
  readonly displayName?: string | undefined;
  /** How the actor authenticated, e.g. `none`, `api-key`, `jwt` (CloudTrail's userIdentity + sessionContext). */
  readonly authMethod?: string | undefined;
}

export interface AuditIntent {
  readonly actor: Actor;
  readonly requestId: string | undefined;
  /** Where the request came from (CloudTrail's sourceIPAddress and userAgent). */
  readonly clientIp?: string | undefined;
  readonly userAgent?: string | undefined;
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

/** `reconciliation` is set when the reconciler, not the gateway, established the outcome: it says how. */
export type AuditResult =
  | {
      readonly outcome: 'SUCCEEDED';
      readonly upstreamRequestId: string | undefined;
      readonly stateAfter?: unknown;
      readonly reconciliation?: string;
      /** Ids the change created (e.g. CreatePolicy's new policy id), when the intent could not know them. */
      readonly policyId?: string;
      readonly targetId?: string;
    }
  | {
      readonly outcome: 'FAILED' | 'UNKNOWN';
      readonly errorCode: string;
      readonly errorMessage: string;
      readonly upstreamRequestId?: string | undefined;
      readonly reconciliation?: string;
    };

/**
 * A change orgql did not make, observed by the org mirror (an Organizations event or a refresh): it
 * already happened, so it is one row, SUCCEEDED, not a promise and its outcome. The actor is the
 * event's userIdentity; `upstreamRequestId` is the CloudTrail event's requestID, when known.
 */
export interface AuditObservation extends Omit<AuditIntent, 'idempotencyKey'> {
  readonly upstreamRequestId: string | undefined;
  readonly stateAfter: unknown;
}

/**
 * The audit log's only way in: an intent before the change, its result after, and (only for a
 * result that said UNKNOWN) the reconciler's resolution later; an observation for a change made
 * outside orgql. Nothing is ever rewritten.
 */
export interface AuditRecorder {
  recordIntent(intent: AuditIntent): Promise<string>;
  recordResult(intentId: string, result: AuditResult): Promise<string>;
  recordResolution(intentId: string, resolution: AuditResult & { readonly reconciliation: string }): Promise<string>;
  recordObservation(observation: AuditObservation): Promise<string>;
}
