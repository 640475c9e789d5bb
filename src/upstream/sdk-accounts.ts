import {
  CloseAccountCommand,
  CreateAccountCommand,
  type CreateAccountStatus as SdkCreateAccountStatus,
  DescribeCreateAccountStatusCommand,
  ListCreateAccountStatusCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { CreateAccountState, CreateAccountStatus } from '../domain/create-account';
import type { OrganizationsPort } from '../domain/ports';
import { toOrgqlError } from './error-mapping';
import { collectPages } from './paginate';
import { callUpstream } from './sdk-call';
import { toSdkTags } from './sdk-mappers';

type AccountLifecycle = Pick<OrganizationsPort, 'createAccount' | 'closeAccount' | 'describeCreateAccountStatus' | 'listCreateAccountStatuses'>;

const STATES: readonly string[] = ['IN_PROGRESS', 'SUCCEEDED', 'FAILED'];

export function toCreateAccountStatus(status: SdkCreateAccountStatus | undefined): CreateAccountStatus {
  if (!status?.Id || !status.State || !STATES.includes(status.State)) {
    throw toOrgqlError(new Error('Upstream answered a CreateAccountStatus without Id or State'));
  }
  return {
    id: status.Id,
    state: status.State as CreateAccountState,
    accountName: status.AccountName,
    accountId: status.AccountId,
    failureReason: status.FailureReason,
    requestedAt: status.RequestedTimestamp,
    completedAt: status.CompletedTimestamp,
  };
}

/**
 * Creating and closing member accounts (API_CreateAccount, API_CloseAccount), both asynchronous
 * upstream: the change returns at once and the account's state or the request's status follows it.
 */
export function sdkAccounts(client: OrganizationsClient): AccountLifecycle {
  return {
    async createAccount(request) {
      const output = await callUpstream(() =>
        client.send(
          new CreateAccountCommand({
            Email: request.email,
            AccountName: request.accountName,
            ...(request.roleName ? { RoleName: request.roleName } : {}),
            ...(request.iamUserAccessToBilling ? { IamUserAccessToBilling: request.iamUserAccessToBilling } : {}),
            ...(request.tags.length > 0 ? { Tags: toSdkTags(request.tags) } : {}),
          }),
        ),
      );
      return { value: toCreateAccountStatus(output.CreateAccountStatus), upstreamRequestId: output.$metadata.requestId };
    },
    async closeAccount(AccountId) {
      const output = await callUpstream(() => client.send(new CloseAccountCommand({ AccountId })));
      return { value: undefined, upstreamRequestId: output.$metadata.requestId };
    },
    async describeCreateAccountStatus(CreateAccountRequestId) {
      const { CreateAccountStatus } = await callUpstream(() => client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId })));
      return toCreateAccountStatus(CreateAccountStatus);
    },
    async listCreateAccountStatuses() {
      const statuses = await callUpstream(() =>
        collectPages(
          (NextToken) => client.send(new ListCreateAccountStatusCommand({ NextToken, MaxResults: 20 })),
          (page) => page.CreateAccountStatuses,
        ),
      );
      return statuses.map(toCreateAccountStatus);
    },
  };
}
