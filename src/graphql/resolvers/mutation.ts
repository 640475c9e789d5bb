import type { MutationResolvers } from '../../generated/graphql';
import { accountLifecycleMutations } from './account-lifecycle';
import { apiKeyMutations } from './api-keys';
import { organizationMutations } from './organization-mutations';
import { policyMutations } from './policy-mutations';

/** Every change, each through runAudited (see audited-mutation.ts); key changes are audited by ctx.apiKeys. */
export const Mutation: MutationResolvers = { ...organizationMutations, ...policyMutations, ...accountLifecycleMutations, ...apiKeyMutations };
