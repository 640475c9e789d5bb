import type { PolicyType } from '../domain/policy-type';

/**
 * The in-memory organization the emulator serves. Operations read and mutate it synchronously, so one
 * request's transition can never interleave with another's (Node runs each handler to completion).
 * Maps keep insertion order, which gives List operations a stable order for pagination.
 */
export interface Tag {
  Key: string;
  Value: string;
}

export type AccountState = 'PENDING_ACTIVATION' | 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED';

export interface RootRecord {
  id: string;
  name: string;
  /** Enabled policy types, in the order they were enabled. */
  policyTypes: PolicyType[];
}

export interface OuRecord {
  id: string;
  name: string;
  parentId: string;
}

export interface AccountRecord {
  id: string;
  name: string;
  email: string;
  parentId: string;
  state: AccountState;
  joinedMethod: 'INVITED' | 'CREATED';
  joinedAt: Date;
  /** Set by CloseAccount; the account reads PENDING_CLOSURE until the closure settles. */
  closeRequestedAt?: Date;
}

export interface PolicyRecord {
  id: string;
  name: string;
  description: string;
  type: PolicyType;
  content: string;
  awsManaged: boolean;
}

export interface CreateAccountRequestRecord {
  id: string;
  accountName: string;
  email: string;
  parentId: string;
  tags: Tag[];
  requestedAt: Date;
  /** Set once the request completed; the account exists from then on. */
  accountId?: string;
  completedAt?: Date;
  /** Set when the request completed without creating an account (CreateAccountFailureReason). */
  failureReason?: string;
}

export interface OrgState {
  organizationId: string;
  managementAccountId: string;
  root: RootRecord;
  ous: Map<string, OuRecord>;
  accounts: Map<string, AccountRecord>;
  policies: Map<string, PolicyRecord>;
  /** target id -> attached policy ids (all types), in attachment order. */
  attachments: Map<string, string[]>;
  tags: Map<string, Tag[]>;
  createAccountRequests: Map<string, CreateAccountRequestRecord>;
  /**
   * `${nodeId}|${policyType}` -> last time something changed the policies of that type on that node
   * (attach, detach, content update, account move). Feeds EffectivePolicy.LastUpdatedTimestamp.
   */
  policyChanges: Map<string, Date>;
  /** When the organization was created; the fallback LastUpdatedTimestamp for seeded attachments. */
  createdAt: Date;
  /** The account quota (accounts in the organization, every state); see account-limits.ts. */
  maxAccounts: number;
}

/**
 * AWS's default quota is 10 accounts, raised on request up to 50,000 (Quotas for AWS Organizations).
 * The emulator behaves as an organization whose quota was raised to the ceiling, so the demo's
 * eleven accounts can grow; a seed's organization.maxAccounts sets another value (10 for AWS's default).
 */
export const DEFAULT_MAX_ACCOUNTS = 50_000;

export function emptyState(ids: { organizationId: string; rootId: string; managementAccountId: string }, createdAt: Date): OrgState {
  return {
    organizationId: ids.organizationId,
    managementAccountId: ids.managementAccountId,
    root: { id: ids.rootId, name: 'Root', policyTypes: [] },
    ous: new Map(),
    accounts: new Map(),
    policies: new Map(),
    attachments: new Map(),
    tags: new Map(),
    createAccountRequests: new Map(),
    policyChanges: new Map(),
    createdAt,
    maxAccounts: DEFAULT_MAX_ACCOUNTS,
  };
}
