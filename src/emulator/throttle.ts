import { fullBucket, takeToken, type TokenBucketState } from '../domain/token-bucket';

/**
 * Per-operation token buckets at the per-account rates of the user guide's throttling table
 * (shared/docs/aws-organizations.md §c "Throttling"; rate = tokens per second, burst = bucket size).
 * Operations the table does not list (DescribeEffectivePolicy, the create-account status calls) are
 * not throttled. Time comes from the injected clock.
 */
export const THROTTLE_RATES: Readonly<Record<string, { rate: number; burst: number }>> = {
  DescribeAccount: { rate: 20, burst: 30 },
  ListAccounts: { rate: 8, burst: 12 },
  ListChildren: { rate: 6, burst: 10 },
  ListParents: { rate: 5, burst: 8 },
  ListAccountsForParent: { rate: 5, burst: 8 },
  ListOrganizationalUnitsForParent: { rate: 5, burst: 8 },
  ListRoots: { rate: 1, burst: 2 },
  DescribeOrganizationalUnit: { rate: 2, burst: 2 },
  CreateOrganizationalUnit: { rate: 1, burst: 2 },
  DescribeOrganization: { rate: 1, burst: 2 },
  MoveAccount: { rate: 2, burst: 3 },
  UpdateOrganizationalUnit: { rate: 2, burst: 3 },
  DeleteOrganizationalUnit: { rate: 2, burst: 3 },
  ListTagsForResource: { rate: 10, burst: 15 },
  TagResource: { rate: 4, burst: 6 },
  UntagResource: { rate: 4, burst: 6 },
  CreatePolicy: { rate: 2, burst: 3 },
  DeletePolicy: { rate: 2, burst: 3 },
  AttachPolicy: { rate: 2, burst: 3 },
  DetachPolicy: { rate: 2, burst: 3 },
  UpdatePolicy: { rate: 2, burst: 3 },
  DescribePolicy: { rate: 2, burst: 2 },
  EnablePolicyType: { rate: 1, burst: 1 },
  DisablePolicyType: { rate: 1, burst: 1 },
  ListPolicies: { rate: 5, burst: 8 },
  ListPoliciesForTarget: { rate: 5, burst: 8 },
  ListTargetsForPolicy: { rate: 5, burst: 8 },
  CreateAccount: { rate: 0.1, burst: 3 },
  CloseAccount: { rate: 0.05, burst: 1 },
};

export interface Throttle {
  /** Takes a token for the operation; false when the bucket is empty. */
  tryTake(operation: string): boolean;
}

export function createThrottle(now: () => Date, rates = THROTTLE_RATES): Throttle {
  const buckets = new Map<string, TokenBucketState>();
  return {
    tryTake(operation) {
      const limit = rates[operation];
      if (!limit) return true;
      const t = now().getTime();
      let bucket = buckets.get(operation);
      if (!bucket) buckets.set(operation, (bucket = fullBucket(limit.burst, t)));
      return takeToken(bucket, t, limit.rate, limit.burst).allowed;
    },
  };
}
