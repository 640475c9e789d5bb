import { closureQuota, closuresInProgress, closuresWithin, MAX_CONCURRENT_CLOSURES, memberAccountCount } from '../account-limits';
import { markPolicyChange } from '../attachments';
import { AwsError, constraintViolation } from '../aws-error';
import { requireAccount, requireParent } from '../lookups';
import type { Operation } from '../operation-context';
import type { AccountRecord } from '../org-state';
import { pageOutput, paginate } from '../pagination';
import { accountShape } from '../wire-shapes';

/** Account reads, MoveAccount and CloseAccount (§d; closure timing in pending-work.ts). */
export const describeAccount: Operation = ({ state }, input) => {
  const account = requireAccount(state, String(input.AccountId));
  return { Account: accountShape(state, account) };
};

export const listAccounts: Operation = ({ state }, input) => {
  const page = paginate([...state.accounts.values()], (account) => account.id, {
    op: 'ListAccounts',
    fingerprint: '',
    nextToken: input.NextToken,
    maxResults: input.MaxResults,
  });
  return pageOutput('Accounts', { ...page, items: page.items.map((account) => accountShape(state, account)) });
};

/** Only the parent's own accounts, not those of descendant OUs (API_ListAccountsForParent). */
export const listAccountsForParent: Operation = ({ state }, input) => {
  const parentId = String(input.ParentId);
  requireParent(state, parentId);
  const accounts = [...state.accounts.values()].filter((account) => account.parentId === parentId);
  const page = paginate(accounts, (account) => account.id, {
    op: 'ListAccountsForParent',
    fingerprint: parentId,
    nextToken: input.NextToken,
    maxResults: input.MaxResults,
  });
  return pageOutput('Accounts', { ...page, items: page.items.map((account) => accountShape(state, account)) });
};

/**
 * Checks in this order: source parent, destination parent, account, membership of the source
 * (an account not in SourceParentId is reported as SourceParentNotFoundException: the emulator's
 * choice, the model does not say), already in the destination (DuplicateAccountException).
 */
export const moveAccount: Operation = ({ state, now }, input) => {
  const sourceId = String(input.SourceParentId);
  const destinationId = String(input.DestinationParentId);
  requireParent(state, sourceId, 'SourceParentNotFoundException');
  requireParent(state, destinationId, 'DestinationParentNotFoundException');
  const account: AccountRecord = requireAccount(state, String(input.AccountId));
  if (account.parentId !== sourceId) {
    throw new AwsError('SourceParentNotFoundException', `The account ${account.id} is not in the parent ${sourceId}.`);
  }
  if (sourceId === destinationId) {
    throw new AwsError('DuplicateAccountException', `The account ${account.id} is already in ${destinationId}.`);
  }
  account.parentId = destinationId;
  // The inherited policies change with the path, for every policy type.
  markPolicyChange(state, account.id, '*', now());
  return {};
};

/**
 * API_CloseAccount: member accounts only (CANNOT_CLOSE_MANAGEMENT_ACCOUNT), not one that is closed,
 * closing or suspended (AccountAlreadyClosedException; a closed account reads SUSPENDED in the legacy
 * Status), at most MAX_CONCURRENT_CLOSURES closing at once (CLOSE_ACCOUNT_REQUESTS_LIMIT_EXCEEDED) and
 * the rolling 30-day quota (CLOSE_ACCOUNT_QUOTA_EXCEEDED); see account-limits.ts. The account reads
 * PENDING_CLOSURE until the closure settles (pending-work.ts), then CLOSED.
 */
export const closeAccount: Operation = ({ state, now }, input) => {
  const account = requireAccount(state, String(input.AccountId));
  if (account.id === state.managementAccountId) {
    throw constraintViolation('CANNOT_CLOSE_MANAGEMENT_ACCOUNT', 'You cannot close the management account with CloseAccount.');
  }
  if (account.state === 'PENDING_CLOSURE' || account.state === 'CLOSED' || account.state === 'SUSPENDED') {
    throw new AwsError('AccountAlreadyClosedException', `The account ${account.id} is already closed or closing.`);
  }
  if (closuresInProgress(state) >= MAX_CONCURRENT_CLOSURES) {
    throw constraintViolation(
      'CLOSE_ACCOUNT_REQUESTS_LIMIT_EXCEEDED',
      `At most ${MAX_CONCURRENT_CLOSURES} accounts can be closing at the same time; try again when one has closed.`,
    );
  }
  const at = now();
  const quota = closureQuota(memberAccountCount(state));
  if (closuresWithin(state, at) >= quota) {
    throw constraintViolation('CLOSE_ACCOUNT_QUOTA_EXCEEDED', `This organization has closed ${quota} accounts in the last 30 days, its quota.`);
  }
  account.state = 'PENDING_CLOSURE';
  account.closeRequestedAt = at;
  return {};
};
