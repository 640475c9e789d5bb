import type { MutationResolvers } from '../../generated/graphql';
import { runAudited } from '../audited-mutation';

export const Mutation: MutationResolvers = {
  enablePolicyType: async (_parent, { rootId, type }, ctx) => {
    const { value: root, auditEventId } = await runAudited(
      ctx,
      { operation: 'enablePolicyType', upstreamAction: 'EnablePolicyType', targetType: 'ROOT', targetId: rootId, arguments: { rootId, type } },
      () => ctx.organizations.enablePolicyType(rootId, type),
    );
    return { root, auditEventId };
  },
};
