import type { MutationResolvers } from '../../generated/graphql';
import { organizationMutations } from './organization-mutations';
import { policyMutations } from './policy-mutations';

/** Every change, each through runAudited (see audited-mutation.ts). */
export const Mutation: MutationResolvers = { ...organizationMutations, ...policyMutations };
