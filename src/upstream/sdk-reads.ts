import {
  DescribeAccountCommand,
  DescribeEffectivePolicyCommand,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  type EffectivePolicyType,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  ListTargetsForPolicyCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { OrgqlError } from '../domain/errors';
import type { OrganizationsPort, ParentRef } from '../domain/ports';
import { toOrgqlError } from './error-mapping';
import { callUpstream } from './sdk-call';
import { toAccount, toOrganizationalUnit, toPolicy, toPolicySummary, toRoot, toTags } from './sdk-mappers';
import { collectPages } from './paginate';

type Reads = Pick<
  OrganizationsPort,
  | 'describeOrganization'
  | 'listRoots'
  | 'listOrganizationalUnitsForParent'
  | 'listAccountsForParent'
  | 'listParent'
  | 'describeAccount'
  | 'describeOrganizationalUnit'
  | 'listTagsForResource'
  | 'describePolicy'
  | 'listPolicies'
  | 'listPoliciesForTarget'
  | 'listTargetsForPolicy'
  | 'describeEffectivePolicy'
>;

const PARENT_KINDS: ReadonlySet<string> = new Set(['ROOT', 'ORGANIZATIONAL_UNIT', 'ACCOUNT']);

function toParentRef(id: string | undefined, type: string | undefined): ParentRef {
  if (!id || !type || !PARENT_KINDS.has(type)) throw toOrgqlError(new Error(`Upstream answered a target without id or type (${String(type)})`));
  return { id, kind: type as ParentRef['kind'] };
}

/**
 * The read half of the port. List calls use the service maximum page size (MaxResults 20) and
 * follow NextToken to the end, through collectPages (empty pages with a token included).
 */
export function sdkReads(client: OrganizationsClient): Reads {
  const MaxResults = 20;
  return {
    async describeOrganization() {
      const { Organization: org } = await callUpstream(() => client.send(new DescribeOrganizationCommand({})));
      if (!org?.Id || !org.Arn) throw new OrgqlError('UPSTREAM_UNAVAILABLE', 'DescribeOrganization returned no organization.');
      return {
        id: org.Id,
        arn: org.Arn,
        featureSet: org.FeatureSet === 'CONSOLIDATED_BILLING' ? 'CONSOLIDATED_BILLING' : 'ALL',
        managementAccountId: org.MasterAccountId ?? '',
        managementAccountArn: org.MasterAccountArn ?? '',
        managementAccountEmail: org.MasterAccountEmail ?? '',
      };
    },
    async listRoots() {
      const roots = await callUpstream(() =>
        collectPages(
          (NextToken) => client.send(new ListRootsCommand({ NextToken, MaxResults })),
          (page) => page.Roots,
        ),
      );
      return roots.map(toRoot);
    },
    async listOrganizationalUnitsForParent(ParentId) {
      const ous = await callUpstream(() =>
        collectPages(
          (NextToken) => client.send(new ListOrganizationalUnitsForParentCommand({ ParentId, NextToken, MaxResults })),
          (page) => page.OrganizationalUnits,
        ),
      );
      return ous.map(toOrganizationalUnit);
    },
    async listAccountsForParent(ParentId) {
      const accounts = await callUpstream(() =>
        collectPages(
          (NextToken) => client.send(new ListAccountsForParentCommand({ ParentId, NextToken, MaxResults })),
          (page) => page.Accounts,
        ),
      );
      return accounts.map(toAccount);
    },
    async listParent(ChildId) {
      const parents = await callUpstream(() =>
        collectPages(
          (NextToken) => client.send(new ListParentsCommand({ ChildId, NextToken, MaxResults })),
          (page) => page.Parents,
        ),
      );
      const parent = parents[0];
      if (!parent) throw new OrgqlError('NOT_FOUND', `${ChildId} has no parent.`);
      return toParentRef(parent.Id, parent.Type);
    },
    async describeAccount(AccountId) {
      const { Account } = await callUpstream(() => client.send(new DescribeAccountCommand({ AccountId })));
      return toAccount(Account ?? {});
    },
    async describeOrganizationalUnit(OrganizationalUnitId) {
      const { OrganizationalUnit } = await callUpstream(() => client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId })));
      return toOrganizationalUnit(OrganizationalUnit ?? {});
    },
    async listTagsForResource(ResourceId) {
      const tags = await callUpstream(() =>
        collectPages(
          (NextToken) => client.send(new ListTagsForResourceCommand({ ResourceId, NextToken })),
          (page) => page.Tags,
        ),
      );
      return toTags(tags);
    },
    async describePolicy(PolicyId) {
      const { Policy } = await callUpstream(() => client.send(new DescribePolicyCommand({ PolicyId })));
      return toPolicy(Policy);
    },
    async listPolicies(Filter) {
      const policies = await callUpstream(() =>
        collectPages(
          (NextToken) => client.send(new ListPoliciesCommand({ Filter, NextToken, MaxResults })),
          (page) => page.Policies,
        ),
      );
      return policies.map(toPolicySummary);
    },
    async listPoliciesForTarget(TargetId, Filter) {
      const policies = await callUpstream(() =>
        collectPages(
          (NextToken) => client.send(new ListPoliciesForTargetCommand({ TargetId, Filter, NextToken, MaxResults })),
          (page) => page.Policies,
        ),
      );
      return policies.map(toPolicySummary);
    },
    async listTargetsForPolicy(PolicyId) {
      const targets = await callUpstream(() =>
        collectPages(
          (NextToken) => client.send(new ListTargetsForPolicyCommand({ PolicyId, NextToken, MaxResults })),
          (page) => page.Targets,
        ),
      );
      return targets.map((target) => toParentRef(target.TargetId, target.Type));
    },
    async describeEffectivePolicy(TargetId, PolicyType) {
      try {
        const { EffectivePolicy } = await callUpstream(() =>
          client.send(new DescribeEffectivePolicyCommand({ TargetId, PolicyType: PolicyType as EffectivePolicyType })),
        );
        if (EffectivePolicy?.PolicyContent === undefined) return null;
        return { content: EffectivePolicy.PolicyContent, lastUpdatedAt: EffectivePolicy.LastUpdatedTimestamp };
      } catch (error) {
        // "No policy of this type applies" is an answer, not a failure (API_DescribeEffectivePolicy).
        if (error instanceof OrgqlError && error.details.upstreamException === 'EffectivePolicyNotFoundException') return null;
        throw error;
      }
    },
  };
}
