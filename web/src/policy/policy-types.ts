import type { PolicyType } from '../gql/graphql';

/**
 * Authorization policies (SCPs, RCPs) have no effective policy: they are evaluated by IAM, not merged.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_authorization_policies.html
 */
const AUTHORIZATION_TYPES: ReadonlySet<PolicyType> = new Set<PolicyType>(['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']);

export function hasEffectivePolicy(type: PolicyType): boolean {
  return !AUTHORIZATION_TYPES.has(type);
}

/** The types enabled on any root (ENABLED only: a pending type has no attachments yet). */
export function enabledTypes(
  roots: ReadonlyArray<{ readonly policyTypes: ReadonlyArray<{ readonly type: PolicyType; readonly status: string }> }>,
): PolicyType[] {
  return [...new Set(roots.flatMap((root) => root.policyTypes.filter((t) => t.status === 'ENABLED').map((t) => t.type)))];
}
