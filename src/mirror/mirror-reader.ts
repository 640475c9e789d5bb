import type { Account } from '../domain/account';
import { OrgqlError } from '../domain/errors';
import type { OrganizationalUnit } from '../domain/organizational-unit';
import type { Policy, PolicySummary } from '../domain/organization-policy';
import type { OrganizationsReader, ParentRef } from '../domain/ports';
import type { MirrorSnapshot } from './mirror-snapshot';
import { guardIds, notFound } from './mirror-errors';
import { effectivePolicyFromSnapshot } from './snapshot-effective-policy';

/**
 * Where the mirror cannot answer exactly as upstream would, it asks upstream:
 * - DescribeEffectivePolicy's LastUpdatedTimestamp is known only to AWS, so `effectivePolicy(source:
 *   UPSTREAM)` stays an upstream read (computed effective policies read the snapshot);
 * - tags of a resource not yet synced (tags are synced after the tree, see sync-plan.ts);
 * - create-account requests, which are requests in flight, not part of the organization.
 */
export type MirrorFallback = Pick<
  OrganizationsReader,
  'describeEffectivePolicy' | 'listTagsForResource' | 'describeCreateAccountStatus' | 'listCreateAccountStatuses'
>;

function summaryOf(policy: Policy): PolicySummary {
  return { id: policy.id, arn: policy.arn, name: policy.name, description: policy.description, type: policy.type, awsManaged: policy.awsManaged };
}

/**
 * Every read of the port from one snapshot: the same results and the same error codes as the SDK
 * adapter (src/upstream/sdk-reads.ts), and no upstream call. Lists are fresh arrays (callers may
 * sort or extend them); the entities in them are frozen.
 */
export function mirrorReader(snapshot: MirrorSnapshot, fallback?: MirrorFallback): OrganizationsReader {
  const isNode = (id: string): boolean =>
    snapshot.get('ACCOUNT', id) !== undefined ||
    snapshot.get('ORGANIZATIONAL_UNIT', id) !== undefined ||
    (snapshot.get('ROOTS') ?? []).some((root) => root.id === id);
  const children = (command: string, parentId: string) => {
    guardIds(command, { ParentId: parentId });
    const found = snapshot.get('CHILDREN', parentId);
    if (!found) throw notFound('ParentNotFoundException', parentId);
    return found;
  };
  const policy = (id: string): Policy => {
    const found = snapshot.get('POLICY', id);
    if (!found) throw notFound('PolicyNotFoundException', id);
    return found;
  };
  const reader: OrganizationsReader = {
    async describeOrganization() {
      const org = snapshot.get('ORGANIZATION');
      if (!org) throw notFound('AWSOrganizationsNotInUseException');
      return org;
    },
    async listRoots() {
      return [...(snapshot.get('ROOTS') ?? [])];
    },
    async listOrganizationalUnitsForParent(parentId) {
      return children('ListOrganizationalUnitsForParent', parentId)
        .ous.map((id) => snapshot.get('ORGANIZATIONAL_UNIT', id))
        .filter((ou): ou is OrganizationalUnit => ou !== undefined);
    },
    async listAccountsForParent(parentId) {
      return children('ListAccountsForParent', parentId)
        .accounts.map((id) => snapshot.get('ACCOUNT', id))
        .filter((a): a is Account => a !== undefined);
    },
    async listParent(childId) {
      guardIds('ListParents', { ChildId: childId });
      const parentId = snapshot.parentOf(childId);
      if (!parentId) throw notFound('ChildNotFoundException', childId);
      return { id: parentId, kind: parentId.startsWith('r-') ? 'ROOT' : 'ORGANIZATIONAL_UNIT' };
    },
    async describeAccount(accountId) {
      guardIds('DescribeAccount', { AccountId: accountId });
      const account = snapshot.get('ACCOUNT', accountId);
      if (!account) throw notFound('AccountNotFoundException', accountId);
      return account;
    },
    async describeOrganizationalUnit(ouId) {
      guardIds('DescribeOrganizationalUnit', { OrganizationalUnitId: ouId });
      const ou = snapshot.get('ORGANIZATIONAL_UNIT', ouId);
      if (!ou) throw notFound('OrganizationalUnitNotFoundException', ouId);
      return ou;
    },
    async listTagsForResource(resourceId) {
      guardIds('ListTagsForResource', { ResourceId: resourceId });
      if (!isNode(resourceId) && !snapshot.get('POLICY', resourceId)) throw notFound('ResourceNotFound', resourceId);
      const tags = snapshot.get('TAGS', resourceId);
      if (tags) return [...tags];
      if (fallback && snapshot.tagsSyncedAt === null) return fallback.listTagsForResource(resourceId);
      return [];
    },
    async describePolicy(policyId) {
      guardIds('DescribePolicy', { PolicyId: policyId });
      return policy(policyId);
    },
    async listPolicies(type) {
      return (snapshot.get('POLICIES', type) ?? [])
        .map((id) => snapshot.get('POLICY', id))
        .filter((p): p is Policy => p !== undefined)
        .map(summaryOf);
    },
    async listPoliciesForTarget(targetId, type) {
      guardIds('ListPoliciesForTarget', { TargetId: targetId });
      if (!isNode(targetId)) throw notFound('TargetNotFoundException', targetId);
      const ids = snapshot.get('ATTACHMENTS', targetId)?.[type] ?? [];
      return ids
        .map((id) => snapshot.get('POLICY', id))
        .filter((p): p is Policy => p !== undefined)
        .map(summaryOf);
    },
    async listTargetsForPolicy(policyId) {
      guardIds('ListTargetsForPolicy', { PolicyId: policyId });
      policy(policyId);
      return (snapshot.get('TARGETS', policyId) ?? []).map((target): ParentRef => ({ id: target.id, kind: target.kind }));
    },
    async describeEffectivePolicy(accountId, type) {
      if (fallback) return fallback.describeEffectivePolicy(accountId, type);
      guardIds('DescribeEffectivePolicy', { TargetId: accountId });
      return effectivePolicyFromSnapshot(snapshot, accountId, type);
    },
    async describeCreateAccountStatus(requestId) {
      if (fallback) return fallback.describeCreateAccountStatus(requestId);
      throw new OrgqlError('NOT_FOUND', `The mirror does not hold create-account request ${requestId}; ask upstream.`, {
        upstreamException: 'CreateAccountStatusNotFoundException',
      });
    },
    async listCreateAccountStatuses() {
      return fallback ? fallback.listCreateAccountStatuses() : [];
    },
  };
  return reader;
}
