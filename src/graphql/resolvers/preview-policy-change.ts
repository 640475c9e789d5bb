import { OrgqlError } from '../../domain/errors';
import type { PolicyChangePreview } from '../../domain/account-effective-policy';
import { previewPolicyChanges, requiredAcknowledgements, STORED_CONTENT_POLICY_TYPE, type PolicyChange } from '../../domain/policy';
import type { PolicyType } from '../../domain/policy-type';
import type { PolicyChangeInput } from '../../generated/graphql';
import type { GraphQLContext } from '../context';
import { assertHasEffectivePolicy, computed } from '../org/effective-policies';
import { loadOrgSnapshot } from '../org/load-org-snapshot';
import { documentText } from '../policy-document';

/** The engine's what-if over a snapshot read from upstream; nothing is changed anywhere. */
export async function previewPolicyChange(ctx: GraphQLContext, type: PolicyType, inputs: readonly PolicyChangeInput[]): Promise<PolicyChangePreview> {
  assertHasEffectivePolicy(type);
  const changes = inputs.map(toPolicyChange);
  const referenced = changes.flatMap((c) => ('policyId' in c && c.policyId !== undefined && c.kind !== 'CREATE_AND_ATTACH' ? [c.policyId] : []));
  const snapshot = await loadOrgSnapshot(ctx.loaders, type, referenced);
  const result = previewPolicyChanges(type, snapshot, changes);
  return {
    impacts: result.impacts.map((impact) => ({
      accountId: impact.accountId,
      before: computed(impact.accountId, type, impact.before),
      after: computed(impact.accountId, type, impact.after),
      diff: impact.diff,
      deletedContentServices: impact.deletedContentServices,
      resumesContentUse: impact.resumesContentUse,
    })),
    diagnostics: result.diagnostics,
    appliesInAllRegions: type === STORED_CONTENT_POLICY_TYPE,
    requiredAcknowledgements: requiredAcknowledgements(result.impacts),
  };
}

function toPolicyChange(input: PolicyChangeInput, index: number): PolicyChange {
  const need = <K extends keyof PolicyChangeInput>(field: K): NonNullable<PolicyChangeInput[K]> => {
    const value = input[field];
    if (value === undefined || value === null) {
      throw new OrgqlError('BAD_USER_INPUT', `changes[${index}]: ${input.kind} needs ${String(field)}.`, { argument: `changes[${index}].${String(field)}` });
    }
    return value as NonNullable<PolicyChangeInput[K]>;
  };
  switch (input.kind) {
    case 'ATTACH':
      return { kind: 'ATTACH', policyId: need('policyId'), targetId: need('targetId') };
    case 'DETACH':
      return { kind: 'DETACH', policyId: need('policyId'), targetId: need('targetId') };
    case 'UPDATE_CONTENT':
      return { kind: 'UPDATE_CONTENT', policyId: need('policyId'), content: documentText(need('content')) };
    case 'CREATE_AND_ATTACH':
      return { kind: 'CREATE_AND_ATTACH', name: need('name'), content: documentText(need('content')), targetIds: [...need('targetIds')] };
    case 'MOVE_ACCOUNT':
      return { kind: 'MOVE_ACCOUNT', accountId: need('accountId'), destinationParentId: need('destinationParentId') };
  }
}
