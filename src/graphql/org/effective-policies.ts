import type { AccountEffectivePolicy } from '../../domain/account-effective-policy';
import { OrgqlError } from '../../domain/errors';
import { nodeIdKind } from '../../domain/node-id';
import type { OrganizationsReader } from '../../domain/ports';
import { computeEffectivePoliciesForTree, computeEffectivePolicy, type EffectivePolicy, type PathNode, type TreeNode } from '../../domain/policy';
import { isManagementPolicyType, type PolicyType } from '../../domain/policy-type';
import type { Loaders } from '../loaders/create-loaders';
import { ancestorIds } from './ancestry';
import { attachedPolicies } from './attached-policies';
import { badId } from './org-node';
import type { SubtreeNode } from './subtree';
import { loadSubtreePolicies } from './subtree-policies';

/**
 * SCPs and RCPs are not in the model's EffectivePolicyType: they are evaluated like IAM policies
 * (intersection), and AWS offers no effective policy for them (API_DescribeEffectivePolicy).
 */
export function assertHasEffectivePolicy(type: PolicyType): void {
  if (!isManagementPolicyType(type)) {
    throw new OrgqlError('BAD_USER_INPUT', `${type} is an authorization policy type; only management policy types have an effective policy.`, { type });
  }
}

export function computed(accountId: string, type: PolicyType, effective: EffectivePolicy): AccountEffectivePolicy {
  return { accountId, type, source: 'COMPUTED', ...effective, lastUpdatedAt: undefined };
}

/** Effective policy = engine(path root -> OUs -> account, each node's policies in attachment order). */
export async function computedEffectivePolicy(loaders: Loaders, accountId: string, type: PolicyType): Promise<AccountEffectivePolicy> {
  assertHasEffectivePolicy(type);
  if (nodeIdKind(accountId) !== 'ACCOUNT')
    throw new OrgqlError('BAD_USER_INPUT', `${JSON.stringify(accountId)} is not an account id; effective policies exist for accounts only.`);
  await loaders.account.load(accountId);
  const ids = [...(await ancestorIds(loaders, accountId)), accountId];
  const policies = await attachedPolicies(loaders, ids, type);
  const path: PathNode[] = ids.map((id, i) => ({ id, kind: kindOf(id), name: id, policies: policies[i]! }));
  return computed(accountId, type, computeEffectivePolicy(type, path));
}

export async function upstreamEffectivePolicy(port: OrganizationsReader, accountId: string, type: PolicyType): Promise<AccountEffectivePolicy> {
  assertHasEffectivePolicy(type);
  const upstream = await port.describeEffectivePolicy(accountId, type);
  return {
    accountId,
    type,
    source: 'UPSTREAM',
    content: upstream ? (JSON.parse(upstream.content) as Record<string, unknown>) : null,
    provenance: [],
    ignoredChanges: [],
    lastUpdatedAt: upstream?.lastUpdatedAt,
  };
}

/** Every account below `underId` in one pass of the engine over the subtree (tree order). */
export async function computedEffectivePolicies(loaders: Loaders, type: PolicyType, underId: string): Promise<AccountEffectivePolicy[]> {
  assertHasEffectivePolicy(type);
  if (nodeIdKind(underId) === 'POLICY' || nodeIdKind(underId) === undefined) throw badId(underId);
  const { tree, above, policiesOf } = await loadSubtreePolicies(loaders, underId, type);
  const toTreeNode = (node: SubtreeNode): TreeNode => ({
    id: node.id,
    kind: node.kind,
    name: node.id,
    policies: policiesOf(node.id),
    children: node.children.map(toTreeNode),
  });
  const ancestors: PathNode[] = above.map((id) => ({ id, kind: kindOf(id), name: id, policies: policiesOf(id) }));
  const results = computeEffectivePoliciesForTree(type, toTreeNode(tree), ancestors);
  return [...results.entries()].map(([accountId, effective]) => computed(accountId, type, effective));
}

function kindOf(id: string): PathNode['kind'] {
  const kind = nodeIdKind(id);
  return kind === 'ROOT' || kind === 'ORGANIZATIONAL_UNIT' ? kind : 'ACCOUNT';
}
