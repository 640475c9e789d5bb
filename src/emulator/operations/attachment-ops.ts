import { attach, attachedOfType, detach } from '../attachments';
import { accountArn, ouArn, rootArn } from '../arns';
import { requirePolicy, requireTarget } from '../lookups';
import type { Operation } from '../operation-context';
import type { OrgState } from '../org-state';
import { pageOutput, paginate } from '../pagination';
import { allNodes, nodeKind, nodeName } from '../tree';
import { policySummaryShape } from '../wire-shapes';

/**
 * AttachPolicy, DetachPolicy and the two attachment listings (§d). Checks run policy, then target,
 * then the attachment rules in attachments.ts.
 */
export const attachPolicy: Operation = ({ state, now }, input) => {
  const policy = requirePolicy(state, String(input.PolicyId));
  const targetId = String(input.TargetId);
  requireTarget(state, targetId);
  attach(state, policy, targetId, now());
  return {};
};

export const detachPolicy: Operation = ({ state, now }, input) => {
  const policy = requirePolicy(state, String(input.PolicyId));
  const targetId = String(input.TargetId);
  requireTarget(state, targetId);
  detach(state, policy, targetId, now());
  return {};
};

/** Direct attachments only, in attachment order. */
export const listPoliciesForTarget: Operation = ({ state }, input) => {
  const targetId = String(input.TargetId);
  const type = String(input.Filter);
  requireTarget(state, targetId);
  const policies = attachedOfType(state, targetId, input.Filter as Parameters<typeof attachedOfType>[2]);
  const page = paginate(policies, (policy) => policy.id, {
    op: 'ListPoliciesForTarget',
    fingerprint: `${targetId}|${type}`,
    nextToken: input.NextToken,
    maxResults: input.MaxResults,
  });
  return pageOutput('Policies', { ...page, items: page.items.map((policy) => policySummaryShape(state, policy)) });
};

function targetSummary(state: OrgState, id: string): Record<string, unknown> {
  const kind = nodeKind(state, id);
  const arn = kind === 'ROOT' ? rootArn(state, id) : kind === 'ACCOUNT' ? accountArn(state, id) : ouArn(state, id);
  return { TargetId: id, Arn: arn, Name: nodeName(state, id), Type: kind };
}

/** Targets in tree order (root, OUs, accounts) so pages are stable. */
export const listTargetsForPolicy: Operation = ({ state }, input) => {
  const policy = requirePolicy(state, String(input.PolicyId));
  const targets = allNodes(state).filter((id) => (state.attachments.get(id) ?? []).includes(policy.id));
  const page = paginate(targets, (id) => id, {
    op: 'ListTargetsForPolicy',
    fingerprint: policy.id,
    nextToken: input.NextToken,
    maxResults: input.MaxResults,
  });
  return pageOutput('Targets', { ...page, items: page.items.map((id) => targetSummary(state, id)) });
};
