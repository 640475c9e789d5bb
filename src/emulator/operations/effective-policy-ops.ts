import { computeEffectivePolicy, renderEffectivePolicy } from '../../domain/policy';
import type { PathNode } from '../../domain/policy';
import type { PolicyType } from '../../domain/policy-type';
import { attachedOfType } from '../attachments';
import { AwsError, invalidInput } from '../aws-error';
import type { Operation } from '../operation-context';
import type { OrgState } from '../org-state';
import { nodeKind, nodeName, pathIds } from '../tree';
import { epochSeconds } from '../wire-shapes';

/**
 * DescribeEffectivePolicy (API_DescribeEffectivePolicy, §d "Effective policy"):
 * - TargetId defaults to the caller's account; the emulator's caller is always the management account,
 *   which management policies (e.g. AI opt-out) do apply to.
 * - A root or OU target is "not supported": InvalidInputException TARGET_NOT_SUPPORTED.
 * - EffectivePolicyNotFoundException when the type is not enabled or no policy of the type applies.
 * - The content is merged by the policy engine from the path root -> OUs -> account, each node's
 *   policies in attachment order; LastUpdatedTimestamp is the latest attachment, detachment, content
 *   update or move on that path for that type.
 */
function notFound(type: string, targetId: string): AwsError {
  return new AwsError('EffectivePolicyNotFoundException', `No effective policy of type ${type} applies to ${targetId}.`);
}

export function lastUpdated(state: OrgState, path: string[], type: PolicyType): Date {
  let latest = state.createdAt;
  for (const id of path) {
    for (const key of [`${id}|${type}`, `${id}|*`]) {
      const at = state.policyChanges.get(key);
      if (at && at > latest) latest = at;
    }
  }
  return latest;
}

/** The engine's input for one account: root -> OUs -> account, each node's policies of `type` in attachment order. */
export function pathNodes(state: OrgState, ids: readonly string[], type: PolicyType): PathNode[] {
  return ids.map((id) => ({
    id,
    kind: nodeKind(state, id) ?? 'ACCOUNT',
    name: nodeName(state, id),
    policies: attachedOfType(state, id, type).map((policy) => ({ id: policy.id, name: policy.name, content: policy.content })),
  }));
}

export const describeEffectivePolicy: Operation = ({ state }, input) => {
  const type = input.PolicyType as PolicyType;
  const targetId = typeof input.TargetId === 'string' ? input.TargetId : state.managementAccountId;
  const kind = nodeKind(state, targetId);
  if (kind === undefined) throw new AwsError('TargetNotFoundException', `We can't find an account with the TargetId ${targetId}.`);
  if (kind !== 'ACCOUNT') {
    throw invalidInput('TARGET_NOT_SUPPORTED', 'DescribeEffectivePolicy supports only accounts as the target, not roots or OUs.');
  }
  if (!state.root.policyTypes.includes(type)) throw notFound(type, targetId);
  const ids = pathIds(state, targetId);
  const path = pathNodes(state, ids, type);
  if (path.every((node) => node.policies.length === 0)) throw notFound(type, targetId);
  const effective = computeEffectivePolicy(type, path);
  if (effective.content === null) throw notFound(type, targetId);
  return {
    EffectivePolicy: {
      PolicyContent: renderEffectivePolicy(effective.content),
      LastUpdatedTimestamp: epochSeconds(lastUpdated(state, ids, type)),
      TargetId: targetId,
      PolicyType: type,
    },
  };
};
