import { policyTypeLimits } from '../domain/policy-type';
import type { PolicyType } from '../domain/policy-type';
import { AwsError, constraintViolation, invalidInput } from './aws-error';
import { autoAttachedPolicy, isNonDetachable } from './managed-policies';
import type { OrgState, PolicyRecord } from './org-state';

/**
 * Attachment bookkeeping shared by AttachPolicy/DetachPolicy, policy-type changes, new OUs/accounts and
 * seeds. Attachment order per target is kept because same-node management policies merge in
 * attachment order (§b "Several policies attached to the same node").
 */
export function attachedIds(state: OrgState, targetId: string): string[] {
  return state.attachments.get(targetId) ?? [];
}

export function attachedOfType(state: OrgState, targetId: string, type: PolicyType): PolicyRecord[] {
  return attachedIds(state, targetId)
    .map((id) => state.policies.get(id))
    .filter((policy): policy is PolicyRecord => policy !== undefined && policy.type === type);
}

export function markPolicyChange(state: OrgState, nodeId: string, type: PolicyType | '*', at: Date): void {
  state.policyChanges.set(`${nodeId}|${type}`, at);
}

/** Throws what AttachPolicy documents, then attaches; nothing is written before every check passed. */
export function attach(state: OrgState, policy: PolicyRecord, targetId: string, at: Date): void {
  if (!state.root.policyTypes.includes(policy.type)) {
    throw new AwsError('PolicyTypeNotEnabledException', `The policy type ${policy.type} is not enabled on the root.`);
  }
  const current = attachedIds(state, targetId);
  if (current.includes(policy.id)) {
    throw new AwsError('DuplicatePolicyAttachmentException', `The policy ${policy.id} is already attached to ${targetId}.`);
  }
  const max = policyTypeLimits(policy.type).maxAttachmentsPerNode;
  if (attachedOfType(state, targetId, policy.type).length >= max) {
    throw constraintViolation('MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED', `You can attach at most ${max} policies of type ${policy.type} to ${targetId}.`);
  }
  state.attachments.set(targetId, [...current, policy.id]);
  markPolicyChange(state, targetId, policy.type, at);
}

export function detach(state: OrgState, policy: PolicyRecord, targetId: string, at: Date): void {
  const current = attachedIds(state, targetId);
  if (!current.includes(policy.id)) {
    throw new AwsError('PolicyNotAttachedException', `The policy ${policy.id} is not attached to ${targetId}.`);
  }
  if (isNonDetachable(policy)) {
    throw invalidInput('NON_DETACHABLE_POLICY', `The AWS-managed policy ${policy.name} cannot be detached.`);
  }
  const min = policyTypeLimits(policy.type).minAttachmentsPerNode;
  if (attachedOfType(state, targetId, policy.type).length <= min) {
    throw constraintViolation('MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED', `${targetId} must keep at least ${min} attached policy of type ${policy.type}.`);
  }
  state.attachments.set(
    targetId,
    current.filter((id) => id !== policy.id),
  );
  markPolicyChange(state, targetId, policy.type, at);
}

/** New roots, OUs and accounts get the managed policy of every enabled authorization type. */
export function attachDefaults(state: OrgState, targetId: string, at: Date): void {
  for (const type of state.root.policyTypes) {
    const managed = autoAttachedPolicy(type);
    if (managed && !attachedIds(state, targetId).includes(managed.id)) {
      state.attachments.set(targetId, [...attachedIds(state, targetId), managed.id]);
      markPolicyChange(state, targetId, type, at);
    }
  }
}

export function targetsOf(state: OrgState, policyId: string): string[] {
  return [...state.attachments.entries()].filter(([, ids]) => ids.includes(policyId)).map(([target]) => target);
}
