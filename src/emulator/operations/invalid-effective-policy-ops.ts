import { computeEffectivePoliciesForTree, computeEffectivePolicy, effectivePolicyValidationErrors } from '../../domain/policy';
import type { TreeNode } from '../../domain/policy';
import type { PolicyType } from '../../domain/policy-type';
import { attachedOfType } from '../attachments';
import { AwsError } from '../aws-error';
import { requireAccount } from '../lookups';
import type { Operation } from '../operation-context';
import type { OrgState } from '../org-state';
import { pageOutput, paginate } from '../pagination';
import { entityPath, pathIds } from '../tree';
import { accountShape, epochSeconds } from '../wire-shapes';
import { lastUpdated, pathNodes } from './effective-policy-ops';

/**
 * ListAccountsWithInvalidEffectivePolicy and ListEffectivePolicyValidationErrors
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccountsWithInvalidEffectivePolicy.html,
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListEffectivePolicyValidationErrors.html).
 * AWS checks effective policies asynchronously; the emulator computes them on each call with the same
 * engine and the same checks (domain/policy/effective-policy-limits.ts) that orgql's GraphQL uses.
 * EffectivePolicyNotFoundException: called from the management account it means the type is not
 * enabled; for ListEffectivePolicyValidationErrors also when no policy of the type applies to the account.
 */
function notFound(type: string, what: string): AwsError {
  return new AwsError('EffectivePolicyNotFoundException', `No effective policy of type ${type} applies to ${what}.`);
}

function requireEnabled(state: OrgState, type: PolicyType, what: string): void {
  if (!state.root.policyTypes.includes(type)) throw notFound(type, what);
}

/** The whole tree in one pass of the engine (children grouped by parent once, not searched per node). */
function wholeTree(state: OrgState, type: PolicyType): TreeNode {
  const children = new Map<string, string[]>();
  const add = (parentId: string, id: string) => children.set(parentId, [...(children.get(parentId) ?? []), id]);
  for (const account of state.accounts.values()) add(account.parentId, account.id);
  for (const ou of state.ous.values()) add(ou.parentId, ou.id);
  const build = (id: string, kind: TreeNode['kind']): TreeNode => ({
    id,
    kind,
    name: id,
    policies: attachedOfType(state, id, type).map((p) => ({ id: p.id, name: p.name, content: p.content })),
    children: (children.get(id) ?? []).map((child) => build(child, state.ous.has(child) ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT')),
  });
  return build(state.root.id, 'ROOT');
}

export const listAccountsWithInvalidEffectivePolicy: Operation = ({ state }, input) => {
  const type = input.PolicyType as PolicyType;
  requireEnabled(state, type, 'this organization');
  const effective = computeEffectivePoliciesForTree(type, wholeTree(state, type));
  const invalid = [...state.accounts.values()].filter((account) => {
    const policy = effective.get(account.id);
    return policy !== undefined && effectivePolicyValidationErrors(type, policy).length > 0;
  });
  const page = paginate(invalid, (account) => account.id, {
    op: 'ListAccountsWithInvalidEffectivePolicy',
    fingerprint: type,
    nextToken: input.NextToken,
    maxResults: input.MaxResults,
  });
  return { ...pageOutput('Accounts', { ...page, items: page.items.map((account) => accountShape(state, account)) }), PolicyType: type };
};

export const listEffectivePolicyValidationErrors: Operation = ({ state }, input) => {
  const type = input.PolicyType as PolicyType;
  const accountId = String(input.AccountId);
  requireAccount(state, accountId);
  requireEnabled(state, type, accountId);
  const ids = pathIds(state, accountId);
  const effective = computeEffectivePolicy(type, pathNodes(state, ids, type));
  if (effective.content === null) throw notFound(type, accountId);
  const errors = effectivePolicyValidationErrors(type, effective);
  const page = paginate(errors, (error) => `${error.code}|${error.path}`, {
    op: 'ListEffectivePolicyValidationErrors',
    fingerprint: `${accountId}|${type}`,
    nextToken: input.NextToken,
    maxResults: input.MaxResults,
  });
  const items = page.items.map((error) => ({
    ErrorCode: error.code,
    ErrorMessage: error.message,
    PathToError: error.path,
    ContributingPolicies: error.contributingPolicyIds,
  }));
  return {
    AccountId: accountId,
    PolicyType: type,
    Path: entityPath(state, accountId),
    EvaluationTimestamp: epochSeconds(lastUpdated(state, ids, type)),
    ...pageOutput('EffectivePolicyValidationErrors', { ...page, items }),
  };
};
