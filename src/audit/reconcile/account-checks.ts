import type { AuditEventRecord } from '../../domain/audit-log';
import { isOrgqlError } from '../../domain/errors';
import type { OrganizationsReader } from '../../domain/ports';
import { argument, before, creditedIf, failed, succeeded, unknown, type ReconcileCheck, type Verdict } from './verdict';

/** Upstream and gateway clocks differ a little; a request stamped this much before the intent still counts. */
const CLOCK_SKEW_MS = 60_000;

/**
 * createAccount succeeded when AWS accepted the request, whatever the request's final state: the
 * accepted request is in ListCreateAccountStatus, with the account name, dated after the intent
 * (a request cannot exist before the call that made it, so nothing found was there before).
 */
export const createAccount: ReconcileCheck = async (intent: AuditEventRecord, organizations: OrganizationsReader): Promise<Verdict> => {
  const name = argument(intent, 'accountName');
  if (!name) return unknown('the intent does not name the account');
  const since = intent.occurredAt.getTime() - CLOCK_SKEW_MS;
  const found = (await organizations.listCreateAccountStatuses()).filter(
    (status) => status.accountName === name && status.requestedAt !== undefined && status.requestedAt.getTime() >= since,
  );
  if (found.length === 0) return failed(`no request to create ${name} upstream since the intent`);
  if (found.length > 1) return unknown(`${found.length} requests to create ${name} upstream since the intent: which one is this call's cannot be told`);
  const status = found[0]!;
  return succeeded(`a request to create ${name} was accepted upstream (${status.id}, ${status.state})`, status);
};

const CLOSED_STATES: ReadonlySet<string> = new Set(['PENDING_CLOSURE', 'CLOSED', 'SUSPENDED']);

/**
 * closeAccount succeeded when the account is closing or closed now and was not before the call
 * (API_CloseAccount: PENDING_CLOSURE, then closed; AWS refuses to close it twice).
 */
export const closeAccount: ReconcileCheck = async (intent, organizations) => {
  const accountId = intent.targetId ?? argument(intent, 'accountId');
  if (!accountId) return unknown('the intent does not name the account');
  try {
    const account = await organizations.describeAccount(accountId);
    if (!account.state || !CLOSED_STATES.has(account.state)) return failed(`account ${accountId} is ${account.state ?? 'in an unknown state'} upstream`);
    const was = before(intent, 'account') as { state?: string | null } | null | undefined;
    const wasClosed = was?.state === undefined || was.state === null ? undefined : CLOSED_STATES.has(was.state);
    return creditedIf(wasClosed, `account ${accountId} is ${account.state}`, true, account);
  } catch (error) {
    // A closed account leaves the organization after AWS's post-closure period: gone tells nothing certain.
    if (isOrgqlError(error) && error.code === 'NOT_FOUND') return unknown(`account ${accountId} is not in the organization upstream`);
    throw error;
  }
};
