import type { PolicyType } from '../policy-type';

/**
 * Limits on the merged (effective) document that no single policy can break on its own but the
 * merge can, e.g. a parent's `@@assign` list plus a child's `@@append`. AWS reports a broken limit as
 * an effective policy validation error (ErrorCode ELEMENTS_TOO_MANY, API_EffectivePolicyValidationError:
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_EffectivePolicyValidationError.html)
 * and lists the account in ListAccountsWithInvalidEffectivePolicy
 * (https://docs.aws.amazon.com/organizations/latest/userguide/invalid-policy-alerts.html).
 *
 * AWS publishes no list of the checks it runs; orgql models the limits AWS Backup documents for what a
 * backup policy creates in each account (https://docs.aws.amazon.com/aws-backup/latest/devguide/aws-backup-limits.html):
 * "Tags per resource selection in a cross account backup policy: 30" and "Backup plans per Region per
 * account: 300". Types without a documented limit have no entry, so their effective policies are never
 * reported invalid.
 */
export interface ElementLimit {
  /** Keys from the document root; `*` stands for any key at that level. */
  readonly keys: readonly string[];
  /** Most elements allowed: array items, or keys of an object. */
  readonly max: number;
  /** What the elements are, for the message ("tag values of one resource selection"). */
  readonly what: string;
}

export const EFFECTIVE_POLICY_ELEMENT_LIMITS: Partial<Record<PolicyType, readonly ElementLimit[]>> = {
  BACKUP_POLICY: [
    { keys: ['plans'], max: 300, what: 'backup plans' },
    { keys: ['plans', '*', 'selections', 'tags', '*', 'tag_value'], max: 30, what: 'tag values of one resource selection' },
  ],
};

export function elementLimitsOf(type: PolicyType): readonly ElementLimit[] {
  return EFFECTIVE_POLICY_ELEMENT_LIMITS[type] ?? [];
}
