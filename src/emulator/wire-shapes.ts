import { accountArn, ouArn, policyArn, rootArn } from './arns';
import type { AccountRecord, CreateAccountRequestRecord, OrgState, PolicyRecord } from './org-state';
import { entityPath } from './tree';

/**
 * State records rendered as the model's output shapes (member names exactly as in service-2.json).
 * Timestamps are epoch seconds as JSON numbers (§e "Success").
 */
export const epochSeconds = (date: Date): number => date.getTime() / 1000;

export function rootShape(state: OrgState): Record<string, unknown> {
  return {
    Id: state.root.id,
    Arn: rootArn(state, state.root.id),
    Name: state.root.name,
    PolicyTypes: state.root.policyTypes.map((type) => ({ Type: type, Status: 'ENABLED' })),
  };
}

export function ouShape(state: OrgState, ouId: string): Record<string, unknown> {
  const ou = state.ous.get(ouId);
  return { Id: ouId, Arn: ouArn(state, ouId), Name: ou?.name, Path: entityPath(state, ouId) };
}

/** `Status` is the legacy field being retired (2026-09-09); it has no CLOSED value, so CLOSED maps to SUSPENDED. */
function legacyStatus(account: AccountRecord): string {
  if (account.state === 'PENDING_CLOSURE') return 'PENDING_CLOSURE';
  if (account.state === 'SUSPENDED' || account.state === 'CLOSED') return 'SUSPENDED';
  return 'ACTIVE';
}

export function accountShape(state: OrgState, account: AccountRecord): Record<string, unknown> {
  return {
    Id: account.id,
    Arn: accountArn(state, account.id),
    Email: account.email,
    Name: account.name,
    Status: legacyStatus(account),
    State: account.state,
    Paths: [entityPath(state, account.id)],
    JoinedMethod: account.joinedMethod,
    JoinedTimestamp: epochSeconds(account.joinedAt),
  };
}

export function policySummaryShape(state: OrgState, policy: PolicyRecord): Record<string, unknown> {
  return {
    Id: policy.id,
    Arn: policyArn(state, policy),
    Name: policy.name,
    Description: policy.description,
    Type: policy.type,
    AwsManaged: policy.awsManaged,
  };
}

export function policyShape(state: OrgState, policy: PolicyRecord): Record<string, unknown> {
  return { PolicySummary: policySummaryShape(state, policy), Content: policy.content };
}

export function createAccountStatusShape(request: CreateAccountRequestRecord): Record<string, unknown> {
  const state = request.failureReason ? 'FAILED' : request.accountId !== undefined ? 'SUCCEEDED' : 'IN_PROGRESS';
  return {
    Id: request.id,
    AccountName: request.accountName,
    State: state,
    RequestedTimestamp: epochSeconds(request.requestedAt),
    ...(request.completedAt ? { CompletedTimestamp: epochSeconds(request.completedAt) } : {}),
    ...(request.accountId !== undefined ? { AccountId: request.accountId } : {}),
    ...(request.failureReason ? { FailureReason: request.failureReason } : {}),
  };
}
