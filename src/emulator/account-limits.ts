import type { AccountRecord, OrgState } from './org-state';

/**
 * Account closure limits. API_CloseAccount: closure is asynchronous (PENDING_CLOSURE until it
 * completes) and limited per rolling 30 days; the quotas page (shared/docs/aws-organizations.md §c,
 * "Accounts and handshakes") gives 3 concurrent closures and "20% or 250 within 30 days, capped at
 * 1,000". The API reference's older wording is 10% of member accounts, between 10 and 1000; the
 * emulator follows the quotas page, the higher of 20% of the member accounts and 250, at most 1,000.
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_CloseAccount.html
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
 */
export const MAX_CONCURRENT_CLOSURES = 3;
export const CLOSURE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export function closureQuota(memberAccounts: number): number {
  return Math.min(1000, Math.max(250, Math.ceil(memberAccounts * 0.2)));
}

const members = (state: OrgState): AccountRecord[] => [...state.accounts.values()].filter((account) => account.id !== state.managementAccountId);

export function closuresInProgress(state: OrgState): number {
  return members(state).filter((account) => account.state === 'PENDING_CLOSURE').length;
}

export function closuresWithin(state: OrgState, now: Date): number {
  const since = now.getTime() - CLOSURE_WINDOW_MS;
  return members(state).filter((account) => account.closeRequestedAt !== undefined && account.closeRequestedAt.getTime() > since).length;
}

export function memberAccountCount(state: OrgState): number {
  return members(state).length;
}

/** Email addresses are case-insensitive: AWS refuses a second account whose email differs only in case. */
export function emailInUse(state: OrgState, email: string): boolean {
  const wanted = email.toLowerCase();
  return [...state.accounts.values()].some((account) => account.email.toLowerCase() === wanted);
}
