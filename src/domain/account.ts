/** An AWS account in the organization (DescribeAccount / ListAccountsForParent). */
export type AccountState = 'PENDING_ACTIVATION' | 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED';
export type AccountJoinedMethod = 'INVITED' | 'CREATED';

export interface Account {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly email: string;
  readonly state: AccountState | undefined;
  readonly joinedMethod: AccountJoinedMethod | undefined;
  readonly joinedAt: Date | undefined;
  /**
   * Ids from the root down to the parent, when upstream reported the account's path (the `Paths`
   * member, `o-.../r-.../ou-.../<id>/`); undefined means "ask ListParents".
   */
  readonly ancestorIds: readonly string[] | undefined;
}
