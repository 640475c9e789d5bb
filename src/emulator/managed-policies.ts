import type { PolicyType } from '../domain/policy-type';
import type { PolicyRecord } from './org-state';

/**
 * AWS-managed policies every organization has. FullAWSAccess is attached to every root, OU and account
 * when SCPs are enabled (UG "Enabling a policy type": "AWS attaches the FullAWSAccess policy to all
 * roots, OUs and accounts"); RCPFullAWSAccess likewise for RCPs, and it cannot be detached
 * (InvalidInputException NON_DETACHABLE_POLICY, §d DetachPolicy). Neither can be edited or deleted
 * (IMMUTABLE_POLICY).
 */
export const FULL_AWS_ACCESS: PolicyRecord = {
  id: 'p-FullAWSAccess',
  name: 'FullAWSAccess',
  description: 'Allows access to every operation',
  type: 'SERVICE_CONTROL_POLICY',
  content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
  awsManaged: true,
};

export const RCP_FULL_AWS_ACCESS: PolicyRecord = {
  id: 'p-RCPFullAWSAccess',
  name: 'RCPFullAWSAccess',
  description: 'Allows access to every operation',
  type: 'RESOURCE_CONTROL_POLICY',
  content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}',
  awsManaged: true,
};

export const MANAGED_POLICIES: readonly PolicyRecord[] = [FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS];

/** The managed policy auto-attached everywhere when this type is enabled, if any. */
export function autoAttachedPolicy(type: PolicyType): PolicyRecord | undefined {
  return MANAGED_POLICIES.find((policy) => policy.type === type);
}

export function isNonDetachable(policy: PolicyRecord): boolean {
  return policy.id === RCP_FULL_AWS_ACCESS.id;
}
