import type { PolicyType } from './policy-type';
import type { Tag } from './tag';

/** What ListPolicies and ListPoliciesForTarget return: a policy without its document. */
export interface PolicySummary {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly description: string;
  readonly type: PolicyType;
  readonly awsManaged: boolean;
}

/** DescribePolicy: the summary plus the document exactly as stored. */
export interface Policy extends PolicySummary {
  readonly content: string;
}

export interface CreatePolicyRequest {
  readonly name: string;
  readonly description: string;
  readonly type: PolicyType;
  readonly content: string;
  readonly tags: readonly Tag[];
}

/** Only the members that are set are changed (UpdatePolicy semantics). */
export interface UpdatePolicyRequest {
  readonly id: string;
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly content?: string | undefined;
}
