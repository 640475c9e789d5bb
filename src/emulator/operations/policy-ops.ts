import type { PolicyType } from '../../domain/policy-type';
import { policyTypeLimits } from '../../domain/policy-type';
import { markPolicyChange, targetsOf } from '../attachments';
import { AwsError, constraintViolation, invalidInput } from '../aws-error';
import { freshId } from '../ids';
import { requirePolicy } from '../lookups';
import type { Operation } from '../operation-context';
import type { OrgState, PolicyRecord } from '../org-state';
import { pageOutput, paginate } from '../pagination';
import { assertValidContent } from '../policy-content';
import { mergedTags, setTags, toTags } from '../tags';
import { policyShape, policySummaryShape } from '../wire-shapes';

/**
 * Policy CRUD (§d "Policies"). Names are unique per organization (DuplicatePolicyException; AWS
 * checks the name across types). AWS-managed policies are read-only (InvalidInput IMMUTABLE_POLICY).
 */
function assertUniqueName(state: OrgState, name: string, exceptId?: string): void {
  if ([...state.policies.values()].some((policy) => policy.name === name && policy.id !== exceptId)) {
    throw new AwsError('DuplicatePolicyException', `A policy with the name ${name} already exists.`);
  }
}

function assertMutable(policy: PolicyRecord): void {
  if (policy.awsManaged) throw invalidInput('IMMUTABLE_POLICY', `The AWS-managed policy ${policy.name} cannot be modified.`);
}

export const createPolicy: Operation = ({ state, ids }, input) => {
  const type = input.Type as PolicyType;
  const content = String(input.Content);
  const name = String(input.Name);
  const count = [...state.policies.values()].filter((policy) => policy.type === type && !policy.awsManaged).length;
  const max = policyTypeLimits(type).maxPoliciesPerOrganization;
  if (count >= max) {
    throw constraintViolation('POLICY_NUMBER_LIMIT_EXCEEDED', `An organization can have at most ${max} policies of type ${type}.`);
  }
  assertValidContent(type, content);
  assertUniqueName(state, name);
  const tags = mergedTags([], toTags(input.Tags));
  const id = freshId(
    () => ids.policyId(),
    (candidate) => state.policies.has(candidate),
  );
  const policy: PolicyRecord = { id, name, description: String(input.Description), type, content, awsManaged: false };
  state.policies.set(id, policy);
  setTags(state, id, tags);
  return { Policy: policyShape(state, policy) };
};

export const updatePolicy: Operation = ({ state, now }, input) => {
  const policy = requirePolicy(state, String(input.PolicyId));
  assertMutable(policy);
  if (typeof input.Content === 'string') assertValidContent(policy.type, input.Content);
  if (typeof input.Name === 'string') assertUniqueName(state, input.Name, policy.id);
  if (typeof input.Name === 'string') policy.name = input.Name;
  if (typeof input.Description === 'string') policy.description = input.Description;
  if (typeof input.Content === 'string' && input.Content !== policy.content) {
    policy.content = input.Content;
    const at = now();
    for (const target of targetsOf(state, policy.id)) markPolicyChange(state, target, policy.type, at);
  }
  return { Policy: policyShape(state, policy) };
};

export const deletePolicy: Operation = ({ state }, input) => {
  const policy = requirePolicy(state, String(input.PolicyId));
  assertMutable(policy);
  if (targetsOf(state, policy.id).length > 0) {
    throw new AwsError('PolicyInUseException', `The policy ${policy.id} is attached to one or more targets; detach it first.`);
  }
  state.policies.delete(policy.id);
  state.tags.delete(policy.id);
  return {};
};

export const describePolicy: Operation = ({ state }, input) => {
  const policy = requirePolicy(state, String(input.PolicyId));
  return { Policy: policyShape(state, policy) };
};

/** Includes AWS-managed policies of the type (FullAWSAccess for SCPs). */
export const listPolicies: Operation = ({ state }, input) => {
  const type = String(input.Filter);
  const policies = [...state.policies.values()].filter((policy) => policy.type === type);
  const page = paginate(policies, (policy) => policy.id, {
    op: 'ListPolicies',
    fingerprint: type,
    nextToken: input.NextToken,
    maxResults: input.MaxResults,
  });
  return pageOutput('Policies', { ...page, items: page.items.map((policy) => policySummaryShape(state, policy)) });
};
