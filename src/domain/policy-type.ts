import { EFFECTIVE_POLICY_TYPES, POLICY_TYPES } from './policy-types.generated';

/**
 * Organizations policy types and their documented limits.
 * The type lists come from the SDK's model (policy-types.generated.ts, written by
 * scripts/generate-policy-types.js), so updating @aws-sdk/client-organizations adds a type.
 * Limits: AWS Organizations user guide, "Quotas and service limits"
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
 */
export { EFFECTIVE_POLICY_TYPES, POLICY_TYPES };

export type PolicyType = (typeof POLICY_TYPES)[number];

/** The model's EffectivePolicyType: the management policy types, which merge down the tree and have an effective policy. */
export type ManagementPolicyType = (typeof EFFECTIVE_POLICY_TYPES)[number];

/** Authorization policies (SCP, RCP) use IAM-style evaluation: the model gives them no effective policy. */
export const AUTHORIZATION_POLICY_TYPES: readonly PolicyType[] = POLICY_TYPES.filter((type) => !isManagementPolicyType(type));

export function isPolicyType(value: unknown): value is PolicyType {
  return typeof value === 'string' && (POLICY_TYPES as readonly string[]).includes(value);
}

/** Management policies merge down the tree with the @@ operators and have an effective policy. */
export function isManagementPolicyType(type: PolicyType): type is ManagementPolicyType {
  return (EFFECTIVE_POLICY_TYPES as readonly string[]).includes(type);
}

export interface PolicyTypeLimits {
  /** Maximum characters of the saved policy text (raw Content length). */
  readonly maxContentLength: number;
  /** Maximum policies of this type attached directly to one root, OU or account. */
  readonly maxAttachmentsPerNode: number;
  /** Minimum policies of this type that must stay attached to every node (SCP/RCP: 1). */
  readonly minAttachmentsPerNode: number;
  /** Maximum policies of this type in one organization. */
  readonly maxPoliciesPerOrganization: number;
}

const DEFAULT_LIMITS: PolicyTypeLimits = {
  maxContentLength: 10_000,
  maxAttachmentsPerNode: 10,
  minAttachmentsPerNode: 0,
  maxPoliciesPerOrganization: 1_000,
};

const LIMITS: Partial<Record<PolicyType, Partial<PolicyTypeLimits>>> = {
  SERVICE_CONTROL_POLICY: { maxContentLength: 10_240, minAttachmentsPerNode: 1, maxPoliciesPerOrganization: 10_000 },
  RESOURCE_CONTROL_POLICY: { maxContentLength: 5_120, maxAttachmentsPerNode: 5, minAttachmentsPerNode: 1, maxPoliciesPerOrganization: 2_000 },
  AISERVICES_OPT_OUT_POLICY: { maxContentLength: 2_500, maxAttachmentsPerNode: 5 },
  CHATBOT_POLICY: { maxAttachmentsPerNode: 5 },
  // Quotas page: declarative and Security Hub policies have the default size (10,000) and 10 per node.
  DECLARATIVE_POLICY_EC2: { maxContentLength: 10_000, maxAttachmentsPerNode: 10 },
  SECURITYHUB_POLICY: { maxContentLength: 10_000, maxAttachmentsPerNode: 10 },
  // "Upgrade rollout policy syntax and examples": "the maximum policy size of 5,120 bytes".
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_upgrade_syntax.html
  UPGRADE_ROLLOUT_POLICY: { maxContentLength: 5_120 },
};

export function policyTypeLimits(type: PolicyType): PolicyTypeLimits {
  return { ...DEFAULT_LIMITS, ...LIMITS[type] };
}

/** The lower-case type segment AWS uses in policy ARNs, e.g. `aiservices_opt_out_policy`. */
export function policyTypeArnSegment(type: PolicyType): string {
  return type.toLowerCase();
}
