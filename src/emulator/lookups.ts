import { AwsError } from './aws-error';
import type { AccountRecord, OrgState, OuRecord, PolicyRecord } from './org-state';
import { isParent, nodeKind } from './tree';

/** Find-or-throw helpers with the not-found exception each operation documents. */
export function requirePolicy(state: OrgState, policyId: string): PolicyRecord {
  const policy = state.policies.get(policyId);
  if (!policy) throw new AwsError('PolicyNotFoundException', `We can't find a policy with the PolicyId ${policyId}.`);
  return policy;
}

export function requireOu(state: OrgState, ouId: string): OuRecord {
  const ou = state.ous.get(ouId);
  if (!ou) throw new AwsError('OrganizationalUnitNotFoundException', `We can't find an OU with the OrganizationalUnitId ${ouId}.`);
  return ou;
}

export function requireAccount(state: OrgState, accountId: string): AccountRecord {
  const account = state.accounts.get(accountId);
  if (!account) throw new AwsError('AccountNotFoundException', `We can't find an account with the AccountId ${accountId}.`);
  return account;
}

export function requireParent(state: OrgState, parentId: string, code = 'ParentNotFoundException'): void {
  if (!isParent(state, parentId)) throw new AwsError(code, `We can't find a root or OU with the ParentId ${parentId}.`);
}

export function requireTarget(state: OrgState, targetId: string): void {
  if (nodeKind(state, targetId) === undefined) {
    throw new AwsError('TargetNotFoundException', `We can't find a root, OU or account with the TargetId ${targetId}.`);
  }
}

export function requireRoot(state: OrgState, rootId: string): void {
  if (rootId !== state.root.id) throw new AwsError('RootNotFoundException', `We can't find a root with the RootId ${rootId}.`);
}
