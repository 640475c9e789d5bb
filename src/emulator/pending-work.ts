import { emailInUse } from './account-limits';
import { attachDefaults } from './attachments';
import { freshId } from './ids';
import type { OperationContext } from './operation-context';
import type { CreateAccountRequestRecord } from './org-state';
import { setTags } from './tags';

/**
 * AWS completes CreateAccount and CloseAccount asynchronously. The emulator's choice:
 * - a CreateAccount request answers IN_PROGRESS and completes at the start of the next request of any
 *   kind, so DescribeCreateAccountStatus right after CreateAccount reports SUCCEEDED and the account
 *   is then under the root (UG "Creating a member account": the account is placed in the root);
 * - a closed account reads State/Status PENDING_CLOSURE until CLOSE_SETTLE_MS of emulator clock have
 *   passed, then State CLOSED (legacy Status SUSPENDED, which has no CLOSED value).
 * Settling runs synchronously before each operation, inside the same atomic step.
 */
export const CLOSE_SETTLE_MS = 2_000;

export interface SettledWork {
  /** The account creations that completed now (each one is a CreateAccountResult service event). */
  readonly completed: CreateAccountRequestRecord[];
  /** Whether anything settled, i.e. the state changed (creations completed, closures finished). */
  readonly changed: boolean;
}

export function settlePendingWork(ctx: OperationContext): SettledWork {
  const { state, now, ids } = ctx;
  const completed: CreateAccountRequestRecord[] = [];
  let changed = false;
  for (const request of state.createAccountRequests.values()) {
    if (request.completedAt !== undefined) continue;
    changed = true;
    const at = now();
    request.completedAt = at;
    completed.push(request);
    // CreateAccountStatus.FailureReason (API_CreateAccountStatus): the request was accepted, the account is not made.
    if (emailInUse(state, request.email)) {
      request.failureReason = 'EMAIL_ALREADY_EXISTS';
      continue;
    }
    if (state.accounts.size >= state.maxAccounts) {
      request.failureReason = 'ACCOUNT_LIMIT_EXCEEDED';
      continue;
    }
    const id = freshId(
      () => ids.accountId(),
      (candidate) => state.accounts.has(candidate),
    );
    state.accounts.set(id, {
      id,
      name: request.accountName,
      email: request.email,
      parentId: request.parentId,
      state: 'ACTIVE',
      joinedMethod: 'CREATED',
      joinedAt: at,
    });
    request.accountId = id;
    setTags(state, id, request.tags);
    attachDefaults(state, id, at);
  }
  for (const account of state.accounts.values()) {
    const requested = account.closeRequestedAt;
    if (account.state === 'PENDING_CLOSURE' && requested && now().getTime() - requested.getTime() >= CLOSE_SETTLE_MS) {
      account.state = 'CLOSED';
      changed = true;
    }
  }
  return { completed, changed };
}
