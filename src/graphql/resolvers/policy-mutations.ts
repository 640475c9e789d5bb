import { contentHash } from '../../domain/content-hash';
import { validatePolicy } from '../../domain/policy';
import { OrgqlError } from '../../domain/errors';
import type { Policy } from '../../domain/organization-policy';
import type { MutationAttachPolicyArgs, MutationResolvers } from '../../generated/graphql';
import { requireValue } from '../audited-idempotency';
import { runAudited } from '../audited-mutation';
import { compactArguments } from '../compact-arguments';
import type { GraphQLContext } from '../context';
import { policyNamed, policyState, policyTypeOf, readPolicyState, readTargetState, targetTypeOf } from '../audit-state';
import { loadOrgNode } from '../org/org-node';
import { nodeStub, once, payloadRead } from '../payload-read';
import { assertValidPolicy, documentText } from '../policy-document';
import { acknowledgementArgument, requireStoredContentAcknowledgement } from '../stored-content-guard';

type PolicyMutations = Pick<MutationResolvers, 'createPolicy' | 'updatePolicy' | 'deletePolicy' | 'attachPolicy' | 'detachPolicy'>;

/** Policy changes. Documents are checked by the engine inside the audited change, so a refused document is on record and never sent. */
export const policyMutations: PolicyMutations = {
  createPolicy: async (_parent, { input }, ctx) => {
    const content = documentText(input.content);
    const tags = (input.tags ?? []).map((t) => ({ key: t.key, value: t.value }));
    const valid = validatePolicy(input.type, content).valid;
    const args = { name: input.name, description: input.description ?? '', type: input.type, content, tags };
    const audited = await runAudited<Policy>(
      ctx,
      {
        operation: 'createPolicy',
        upstreamAction: 'CreatePolicy',
        targetType: 'POLICY',
        targetId: undefined,
        policyType: input.type,
        // A document the engine refuses is never sent: recorded compactly, as other refused attempts.
        arguments: valid ? args : compactArguments(args),
        idempotencyKey: input.idempotencyKey ?? undefined,
        // Before: whether a policy of the type already has the name (AWS then refuses the create);
        // not looked up for a document the engine refuses, which costs no upstream call at all.
        readState: async (created?: Policy) =>
          created
            ? policyState(created)
            : valid
              ? { policy: null, existingWithName: await policyNamed(ctx.organizations, input.type, input.name) }
              : { policy: null },
        resultIds: (created) => ({ policyId: created.id, targetId: created.id }),
        touches: (created) => [
          { kind: 'POLICY', id: created.id },
          { kind: 'POLICIES', type: created.type },
          { kind: 'TAGS', resourceId: created.id },
        ],
      },
      async (writer) => {
        assertValidPolicy(input.type, content);
        return writer.createPolicy({ name: input.name, description: input.description ?? '', type: input.type, content, tags });
      },
    );
    ctx.loaders.clearAll();
    return { policy: requireValue(audited), auditEventId: audited.auditEventId };
  },

  /**
   * Optimistic concurrency: the caller sends the contentHash it read; the policy is read again right
   * before UpdatePolicy and the update is refused with CONFLICT if the hash differs. AWS has no
   * conditional update, so a change landing between that read and the update cannot be excluded,
   * but the window is one round trip instead of however long the caller took.
   */
  updatePolicy: async (_parent, { input }, ctx) => {
    const content = input.content === undefined || input.content === null ? undefined : documentText(input.content);
    const { id, expectedContentHash } = input;
    const audited = await runAudited<Policy>(
      ctx,
      {
        operation: 'updatePolicy',
        upstreamAction: 'UpdatePolicy',
        targetType: 'POLICY',
        targetId: id,
        policyId: id,
        policyType: () => policyTypeOf(ctx.organizations, id),
        arguments: {
          id,
          name: input.name ?? undefined,
          description: input.description ?? undefined,
          content,
          expectedContentHash: expectedContentHash ?? undefined,
          ...acknowledgementArgument(input.acknowledge),
        },
        idempotencyKey: input.idempotencyKey ?? undefined,
        readState: async (updated?: Policy) => (updated ? policyState(updated) : readPolicyState(ctx.organizations, id)),
        touches: () => [{ kind: 'POLICY', id }],
      },
      async (writer) => {
        // A precondition is checked against AWS, not the mirror: one DescribePolicy, spent only when the
        // caller asked for the check. A difference is recorded as a change made outside orgql.
        if (expectedContentHash) await ctx.mirror.refresh([{ kind: 'POLICY', id }], { kind: 'PRECONDITION', operation: 'updatePolicy' });
        const current = await ctx.organizations.describePolicy(id);
        if (content !== undefined) assertValidPolicy(current.type, content);
        const currentHash = contentHash(current.content);
        if (expectedContentHash && expectedContentHash.toLowerCase() !== currentHash) {
          throw new OrgqlError('CONFLICT', `Policy ${id} changed since you read it; read it again and reapply your change.`, {
            currentContentHash: currentHash,
            expectedContentHash,
          });
        }
        if (content !== undefined)
          await requireStoredContentAcknowledgement(ctx, input.acknowledge, current.type, [{ kind: 'UPDATE_CONTENT', policyId: id, content }]);
        return writer.updatePolicy({ id, name: input.name ?? undefined, description: input.description ?? undefined, content });
      },
    );
    ctx.loaders.clearAll();
    return { policy: requireValue(audited), auditEventId: audited.auditEventId };
  },

  // Never needs `acknowledge` (AWS refuses to delete an attached policy; see stored-content-guard), but records one given.
  deletePolicy: async (_parent, { id, idempotencyKey, acknowledge }, ctx) => {
    const audited = await runAudited<Policy>(
      ctx,
      {
        operation: 'deletePolicy',
        upstreamAction: 'DeletePolicy',
        targetType: 'POLICY',
        targetId: id,
        policyId: id,
        policyType: () => policyTypeOf(ctx.organizations, id),
        arguments: { id, ...acknowledgementArgument(acknowledge) },
        idempotencyKey: idempotencyKey ?? undefined,
        readState: async (deleted?: Policy) => (deleted ? { policy: null } : readPolicyState(ctx.organizations, id)),
        touches: (deleted) => [
          { kind: 'POLICY', id },
          { kind: 'POLICIES', type: deleted.type },
        ],
      },
      async (writer) => {
        // The payload shows what was deleted, so the document is read just before.
        const before = await ctx.organizations.describePolicy(id);
        const { upstreamRequestId } = await writer.deletePolicy(id);
        return { value: before, upstreamRequestId };
      },
    );
    ctx.loaders.clearAll();
    return { policy: requireValue(audited), auditEventId: audited.auditEventId };
  },

  attachPolicy: (_parent, args, ctx) => attachment('attach', args, ctx),
  detachPolicy: (_parent, args, ctx) => attachment('detach', args, ctx),
};

async function attachment(kind: 'attach' | 'detach', { policyId, targetId, idempotencyKey, acknowledge }: MutationAttachPolicyArgs, ctx: GraphQLContext) {
  // Read once, as evidence for the intent (type, target state) and as the payload's fallback.
  const described = once(() => ctx.organizations.describePolicy(policyId));
  const policyType = once(() => policyTypeOf(ctx.organizations, policyId, described));
  const { auditEventId } = await runAudited(
    ctx,
    {
      operation: `${kind}Policy`,
      upstreamAction: kind === 'attach' ? 'AttachPolicy' : 'DetachPolicy',
      targetType: targetTypeOf(targetId),
      targetId,
      policyId,
      policyType,
      arguments: { policyId, targetId, ...acknowledgementArgument(acknowledge) },
      idempotencyKey: idempotencyKey ?? undefined,
      readState: async () => readTargetState(ctx.organizations, targetId, await policyType()),
      touches: async () => [
        { kind: 'ATTACHMENTS', targetId, type: await policyType().catch(() => undefined) },
        { kind: 'TARGETS', policyId },
      ],
    },
    async (writer) => {
      await requireStoredContentAcknowledgement(ctx, acknowledge, await policyType(), [{ kind: kind === 'attach' ? 'ATTACH' : 'DETACH', policyId, targetId }]);
      return kind === 'attach' ? writer.attachPolicy(policyId, targetId) : writer.detachPolicy(policyId, targetId);
    },
  );
  ctx.loaders.clearAll();
  const [policy, target] = await Promise.all([
    payloadRead(ctx, () => ctx.loaders.policy.load(policyId), described),
    payloadRead(
      ctx,
      () => loadOrgNode(ctx.loaders, targetId),
      async () => nodeStub(targetId),
    ),
  ]);
  return { policy, target, auditEventId };
}
