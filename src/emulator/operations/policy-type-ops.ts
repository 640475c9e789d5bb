import type { PolicyType } from '../../domain/policy-type';
import { attachedIds, attachDefaults, markPolicyChange } from '../attachments';
import { AwsError } from '../aws-error';
import { requireRoot } from '../lookups';
import type { Operation } from '../operation-context';
import { allNodes } from '../tree';
import { rootShape } from '../wire-shapes';

/**
 * EnablePolicyType / DisablePolicyType (§d). AWS passes through PENDING_ENABLE/PENDING_DISABLE; the
 * emulator completes the change within the call and returns the root with the final status.
 * Enabling SCPs (or RCPs) attaches FullAWSAccess (RCPFullAWSAccess) to every root, OU and account.
 * Disabling detaches every policy of the type from every node; the policies themselves remain.
 */
export const enablePolicyType: Operation = ({ state, now }, input) => {
  const rootId = String(input.RootId);
  const type = input.PolicyType as PolicyType;
  requireRoot(state, rootId);
  if (state.root.policyTypes.includes(type)) {
    throw new AwsError('PolicyTypeAlreadyEnabledException', `The policy type ${type} is already enabled on ${rootId}.`);
  }
  state.root.policyTypes.push(type);
  const at = now();
  for (const node of allNodes(state)) attachDefaults(state, node, at);
  return { Root: rootShape(state) };
};

export const disablePolicyType: Operation = ({ state, now }, input) => {
  const rootId = String(input.RootId);
  const type = input.PolicyType as PolicyType;
  requireRoot(state, rootId);
  if (!state.root.policyTypes.includes(type)) {
    throw new AwsError('PolicyTypeNotEnabledException', `The policy type ${type} is not enabled on ${rootId}.`);
  }
  state.root.policyTypes = state.root.policyTypes.filter((enabled) => enabled !== type);
  const at = now();
  for (const node of allNodes(state)) {
    const before = attachedIds(state, node);
    const after = before.filter((id) => state.policies.get(id)?.type !== type);
    if (after.length !== before.length) {
      state.attachments.set(node, after);
      markPolicyChange(state, node, type, at);
    }
  }
  return { Root: rootShape(state) };
};
