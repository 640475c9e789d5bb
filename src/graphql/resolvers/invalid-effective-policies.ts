import { effectivePolicyValidationErrors, type EffectivePolicyValidationError as ValidationErrorModel } from '../../domain/policy';
import type { PolicyType } from '../../domain/policy-type';
import type { EffectivePolicyValidationErrorResolvers, InvalidEffectivePolicyResolvers, QueryResolvers } from '../../generated/graphql';
import { computedEffectivePolicies } from '../org/effective-policies';

export interface InvalidEffectivePolicyModel {
  accountId: string;
  type: PolicyType;
  errors: ValidationErrorModel[];
}

/**
 * invalidEffectivePolicies: the effective policies of every account below a node (one pass of the engine
 * over the request's mirror snapshot), kept where the engine's effective-policy check finds errors. The
 * emulator answers ListAccountsWithInvalidEffectivePolicy with the same check
 * (https://docs.aws.amazon.com/organizations/latest/userguide/invalid-policy-alerts.html).
 */
export const invalidEffectivePolicyQueries: Pick<QueryResolvers, 'invalidEffectivePolicies'> = {
  invalidEffectivePolicies: async (_parent, { type, under }, ctx) => {
    const tops = under ? [under] : (await ctx.loaders.roots()).map((root) => root.id);
    const effective = (await Promise.all(tops.map((id) => computedEffectivePolicies(ctx.loaders, type, id)))).flat();
    return effective.flatMap((policy) => {
      const errors = effectivePolicyValidationErrors(type, policy);
      return errors.length > 0 ? [{ accountId: policy.accountId, type, errors }] : [];
    });
  },
};

export const InvalidEffectivePolicy: InvalidEffectivePolicyResolvers = {
  account: (invalid, _args, ctx) => ctx.loaders.account.load(invalid.accountId),
};

export const EffectivePolicyValidationError: EffectivePolicyValidationErrorResolvers = {
  contributingPolicyIds: (error) => error.contributingPolicyIds,
  contributingPolicies: (error, _args, ctx) => Promise.all(error.contributingPolicyIds.map((id) => ctx.loaders.policy.load(id))),
};
