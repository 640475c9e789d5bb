import { OrgqlError } from '../domain/errors';
import { nodeIdKind } from '../domain/node-id';
import { computeEffectivePolicy, renderEffectivePolicy, type PathNode } from '../domain/policy';
import type { UpstreamEffectivePolicy } from '../domain/ports';
import type { PolicyType } from '../domain/policy-type';
import type { MirrorSnapshot } from './mirror-snapshot';
import { notFound } from './mirror-errors';

/**
 * DescribeEffectivePolicy answered by the domain engine from the snapshot (API_DescribeEffectivePolicy:
 * accounts only, null when the type is not enabled or nothing applies). The engine is the one the
 * emulator uses, so the content is identical; LastUpdatedTimestamp is unknown to the mirror.
 */
export function effectivePolicyFromSnapshot(snapshot: MirrorSnapshot, accountId: string, type: PolicyType): UpstreamEffectivePolicy | null {
  if (nodeIdKind(accountId) !== 'ACCOUNT') {
    throw new OrgqlError('BAD_USER_INPUT', 'DescribeEffectivePolicy supports only accounts as the target, not roots or OUs.', {
      upstreamException: 'InvalidInputException',
      reason: 'TARGET_NOT_SUPPORTED',
    });
  }
  const account = snapshot.get('ACCOUNT', accountId);
  if (!account) throw notFound('AccountTargetNotFound', accountId);
  const ids: string[] = [accountId];
  for (let parent = snapshot.parentOf(accountId); parent; parent = snapshot.parentOf(parent)) ids.unshift(parent);
  const root = (snapshot.get('ROOTS') ?? []).find((r) => r.id === ids[0]);
  if (!root?.policyTypes.some((p) => p.type === type && p.status === 'ENABLED')) return null;
  const path: PathNode[] = ids.map((id) => ({
    id,
    kind: nodeIdKind(id) as PathNode['kind'],
    name: snapshot.get('ACCOUNT', id)?.name ?? snapshot.get('ORGANIZATIONAL_UNIT', id)?.name ?? root.name,
    policies: (snapshot.get('ATTACHMENTS', id)?.[type] ?? []).flatMap((policyId) => {
      const policy = snapshot.get('POLICY', policyId);
      return policy ? [{ id: policy.id, name: policy.name, content: policy.content }] : [];
    }),
  }));
  if (path.every((node) => node.policies.length === 0)) return null;
  const effective = computeEffectivePolicy(type, path);
  return effective.content === null ? null : { content: renderEffectivePolicy(effective.content), lastUpdatedAt: undefined };
}
