import type { PolicyType } from './policy-type';

/** The organization tree as orgql models it, independent of any wire format. */
export type PolicyTypeStatus = 'ENABLED' | 'PENDING_ENABLE' | 'PENDING_DISABLE';

export interface PolicyTypeSummary {
  readonly type: PolicyType;
  readonly status: PolicyTypeStatus;
}

export interface Organization {
  readonly id: string;
  readonly arn: string;
  readonly featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  readonly managementAccountId: string;
  readonly managementAccountArn: string;
  readonly managementAccountEmail: string;
}

export interface Root {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly policyTypes: readonly PolicyTypeSummary[];
}
