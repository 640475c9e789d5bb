/**
 * AWS Organizations' per-operation throttling: token buckets, `rate` tokens per second refilling up
 * to `burst`. These are the per-account rates of the user guide's throttling table ("Quotas for AWS
 * Organizations", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html;
 * shared/docs/aws-organizations.md §c "Throttling"). The per-organization rates are higher, so the
 * per-account ones are the binding limit for one caller.
 *
 * One table for both sides: the emulator's `--throttle` refuses calls beyond it, and the upstream
 * client (src/upstream/request-scheduler.ts) paces its calls to stay under it. Operations the table
 * does not list (DescribeEffectivePolicy, the create-account status calls) have no documented rate.
 */
export interface RateLimit {
  readonly rate: number;
  readonly burst: number;
}

export const ORGANIZATIONS_RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
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
