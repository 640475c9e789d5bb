import { contentHash } from '../../domain/content-hash';
import type { Policy as PolicyWithContent, PolicySummary } from '../../domain/organization-policy';
import type { PolicyAttachmentResolvers, PolicyResolvers } from '../../generated/graphql';
import type { GraphQLContext } from '../context';
import { loadOrgNode } from '../org/org-node';

/** Lists give summaries without the document; the document is fetched (once per request) when asked for. */
async function contentOf(policy: PolicySummary, ctx: GraphQLContext): Promise<string> {
  if ('content' in policy && typeof (policy as PolicyWithContent).content === 'string') return (policy as PolicyWithContent).content;
  return (await ctx.loaders.policy.load(policy.id)).content;
}

export const Policy: PolicyResolvers = {
  contentText: (policy, _args, ctx) => contentOf(policy, ctx),
  content: async (policy, _args, ctx) => JSON.parse(await contentOf(policy, ctx)) as unknown,
  contentHash: async (policy, _args, ctx) => contentHash(await contentOf(policy, ctx)),
  targets: async (policy, _args, ctx) => {
    const targets = await ctx.loaders.targetsForPolicy.load(policy.id);
    return Promise.all(targets.map((target) => loadOrgNode(ctx.loaders, target.id)));
  },
  tags: (policy, _args, ctx) => ctx.loaders.tags.load(policy.id),
};

export const PolicyAttachment: PolicyAttachmentResolvers = {
  target: (attachment, _args, ctx) => loadOrgNode(ctx.loaders, attachment.targetId),
};
