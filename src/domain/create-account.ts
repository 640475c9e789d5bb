import type { Tag } from './tag';

/**
 * CreateAccount is asynchronous in AWS: the call answers with a CreateAccountStatus IN_PROGRESS,
 * which DescribeCreateAccountStatus follows to SUCCEEDED (with the account id) or FAILED (with a
 * reason). https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreateAccountStatus.html
 */
export type CreateAccountState = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
export type IamUserAccessToBilling = 'ALLOW' | 'DENY';

export interface CreateAccountRequest {
  readonly email: string;
  readonly accountName: string;
  /** The IAM role created in the new account for the management account (AWS default OrganizationAccountAccessRole). */
  readonly roleName?: string | undefined;
  readonly iamUserAccessToBilling?: IamUserAccessToBilling | undefined;
  readonly tags: readonly Tag[];
}

export interface CreateAccountStatus {
  /** The request id, car-... */
  readonly id: string;
  readonly state: CreateAccountState;
  readonly accountName: string | undefined;
  /** Set once the request SUCCEEDED. */
  readonly accountId: string | undefined;
  /** Set when the request FAILED: EMAIL_ALREADY_EXISTS, ACCOUNT_LIMIT_EXCEEDED, INVALID_EMAIL, ... (CreateAccountFailureReason). */
  readonly failureReason: string | undefined;
  readonly requestedAt: Date | undefined;
  readonly completedAt: Date | undefined;
}
