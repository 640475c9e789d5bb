import { isOrgqlError } from '../domain/errors';
import { nodeIdKind } from '../domain/node-id';
import type { Policy } from '../domain/organization-policy';
import type { OrganizationsReader } from '../domain/ports';
import { isManagementPolicyType, type PolicyType } from '../domain/policy-type';
import { createLoaders } from './loaders/create-loaders';
import { attachmentKey } from './loaders/attachment-key';
import { computedEffectivePolicies } from './org/effective-policies';

/**
 * What the audit log stores as state before/after a change (the shapes runAudited documents).
 * Always read fresh from upstream: never through the request's loaders, whose answers predate the change.
 */
export function policyState(policy: Policy): unknown {
  let content: unknown = policy.content;
  try {
    content = JSON.parse(policy.content);
  } catch {
    // Stored text that is not JSON is kept as text: evidence, not something to fix here.
  }
  return { policy: { id: policy.id, name: policy.name, description: policy.description, type: policy.type, content } };
}

export async function readPolicyState(port: OrganizationsReader, policyId: string): Promise<unknown> {
  try {
    return policyState(await port.describePolicy(policyId));
  } catch (error) {
    if (isOrgqlError(error) && error.code === 'NOT_FOUND') return { policy: null };
    throw error;
  }
}

/** A target's attachments of one type and, for management types, the effective policies below it. */
export async function readTargetState(port: OrganizationsReader, targetId: string, type: PolicyType | undefined): Promise<unknown> {
  if (!type) return undefined;
  const loaders = createLoaders(port);
  const attachments = await loaders.attachments.load(attachmentKey(targetId, type));
  const state: Record<string, unknown> = { targetId, attachments: attachments.map((p) => ({ id: p.id, name: p.name })) };
  if (isManagementPolicyType(type) && nodeIdKind(targetId) !== undefined) {
    const effective = await computedEffectivePolicies(loaders, type, targetId);
    state.effectivePolicies = Object.fromEntries(effective.map((e) => [e.accountId, e.content]));
  }
  return state;
}

/** The type of a policy, when it exists; the change itself reports a missing policy. */
export async function policyTypeOf(
  port: OrganizationsReader,
  policyId: string,
  describe = () => port.describePolicy(policyId),
): Promise<PolicyType | undefined> {
  try {
    return (await describe()).type;
  } catch (error) {
    if (isOrgqlError(error) && (error.code === 'NOT_FOUND' || error.code === 'BAD_USER_INPUT')) return undefined;
    throw error;
  }
}

export function targetTypeOf(id: string): 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT' | 'POLICY' | undefined {
  return nodeIdKind(id);
}

/** The policy of `type` named `name`, if one exists: AWS refuses to create a second (DuplicatePolicyException). */
export async function policyNamed(port: OrganizationsReader, type: PolicyType, name: string): Promise<{ id: string } | null> {
  const found = (await port.listPolicies(type)).find((p) => p.name === name);
  return found ? { id: found.id } : null;
}

/** The OU under `parentId` named `name`, if one exists: AWS refuses a second (DuplicateOrganizationalUnitException). */
export async function organizationalUnitNamed(port: OrganizationsReader, parentId: string, name: string): Promise<{ id: string } | null> {
  const found = (await port.listOrganizationalUnitsForParent(parentId)).find((ou) => ou.name === name);
  return found ? { id: found.id } : null;
}
