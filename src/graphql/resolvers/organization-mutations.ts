import type { Root } from '../../domain/organization';
import type { PolicyType } from '../../domain/policy-type';
import type { OrganizationalUnit } from '../../domain/organizational-unit';
import type { Tag } from '../../domain/tag';
import type { MutationResolvers } from '../../generated/graphql';
import { requireValue } from '../audited-idempotency';
import { runAudited } from '../audited-mutation';
import type { Account } from '../../domain/account';
import { organizationalUnitNamed, targetTypeOf } from '../audit-state';
import { nodeStub, payloadRead } from '../payload-read';
import type { GraphQLContext } from '../context';
import { loadAnyNode } from '../org/org-node';
import { STORED_CONTENT_POLICY_TYPE } from '../../domain/policy';
import { acknowledgementArgument, requireStoredContentAcknowledgement } from '../stored-content-guard';

type OrganizationMutations = Pick<
  MutationResolvers,
  | 'enablePolicyType'
  | 'disablePolicyType'
  | 'createOrganizationalUnit'
  | 'renameOrganizationalUnit'
  | 'deleteOrganizationalUnit'
  | 'moveAccount'
  | 'tagResource'
  | 'untagResource'
>;

const key = (idempotencyKey: string | null | undefined) => idempotencyKey ?? undefined;

const rootState = (root: Root) => ({ root: { id: root.id, policyTypes: root.policyTypes } });

/** The root's policy types before the change (the reconciler's evidence) and as the change returned them. */
const rootStateOf =
  (ctx: GraphQLContext, rootId: string) =>
  async (root?: Root): Promise<unknown> => {
    if (root) return rootState(root);
    const found = (await ctx.organizations.listRoots()).find((r) => r.id === rootId);
    return found ? rootState(found) : { root: null };
  };

/** EnablePolicyType and DisablePolicyType differ only in the call; both answer with the root. */
async function changePolicyType(
  ctx: GraphQLContext,
  change: 'enable' | 'disable',
  { rootId, type, idempotencyKey }: { rootId: string; type: PolicyType; idempotencyKey?: string | null },
) {
  const audited = await runAudited<Root>(
    ctx,
    {
      operation: `${change}PolicyType`,
      upstreamAction: change === 'enable' ? 'EnablePolicyType' : 'DisablePolicyType',
      targetType: 'ROOT',
      targetId: rootId,
      policyType: type,
      arguments: { rootId, type },
      idempotencyKey: key(idempotencyKey),
      readState: rootStateOf(ctx, rootId),
      // Disabling a type detaches its policies everywhere: the mirror's refresh of the roots follows that.
      touches: () => [{ kind: 'ROOTS' }],
    },
    (writer) => (change === 'enable' ? writer.enablePolicyType(rootId, type) : writer.disablePolicyType(rootId, type)),
  );
  ctx.loaders.clearAll();
  return { root: requireValue(audited), auditEventId: audited.auditEventId };
}

async function ouState(ctx: GraphQLContext, ouId: string): Promise<unknown> {
  const [ou, parent] = await Promise.all([ctx.organizations.describeOrganizationalUnit(ouId), ctx.organizations.listParent(ouId)]);
  return { organizationalUnit: { id: ou.id, name: ou.name, parentId: parent.id } };
}

async function tagState(ctx: GraphQLContext, resourceId: string): Promise<unknown> {
  return { tags: await ctx.organizations.listTagsForResource(resourceId) };
}

/**
 * Policy types, OUs, account moves and tags; each change goes through runAudited. The state before
 * each change is recorded on its intent: it is what lets the reconciler tell this change from an
 * effect that was already there (issue 11).
 */
export const organizationMutations: OrganizationMutations = {
  enablePolicyType: (_parent, args, ctx) => changePolicyType(ctx, 'enable', args),
  disablePolicyType: (_parent, args, ctx) => changePolicyType(ctx, 'disable', args),
  createOrganizationalUnit: async (_parent, { parentId, name, tags, idempotencyKey }, ctx) => {
    const tagList: Tag[] = (tags ?? []).map((t) => ({ key: t.key, value: t.value }));
    const audited = await runAudited<OrganizationalUnit>(
      ctx,
      {
        operation: 'createOrganizationalUnit',
        upstreamAction: 'CreateOrganizationalUnit',
        targetType: targetTypeOf(parentId),
        targetId: parentId,
        arguments: { parentId, name, tags: tagList },
        idempotencyKey: key(idempotencyKey),
        readState: async (created?: OrganizationalUnit) =>
          created
            ? { organizationalUnit: { id: created.id, name: created.name, parentId } }
            : { organizationalUnit: null, existingWithName: await organizationalUnitNamed(ctx.organizations, parentId, name) },
        resultIds: (created) => ({ targetId: created.id }),
        touches: (created) => [
          { kind: 'ORGANIZATIONAL_UNIT', id: created.id },
          { kind: 'CHILDREN', parentId },
          { kind: 'TAGS', resourceId: created.id },
        ],
      },
      (writer) => writer.createOrganizationalUnit(parentId, name, tagList),
    );
    ctx.loaders.clearAll();
    return { organizationalUnit: requireValue(audited), auditEventId: audited.auditEventId };
  },
  renameOrganizationalUnit: async (_parent, { id, name, idempotencyKey }, ctx) => {
    const audited = await runAudited<OrganizationalUnit>(
      ctx,
      {
        operation: 'renameOrganizationalUnit',
        upstreamAction: 'UpdateOrganizationalUnit',
        targetType: 'ORGANIZATIONAL_UNIT',
        targetId: id,
        arguments: { id, name },
        idempotencyKey: key(idempotencyKey),
        readState: () => ouState(ctx, id),
        touches: () => [{ kind: 'ORGANIZATIONAL_UNIT', id }],
      },
      (writer) => writer.updateOrganizationalUnit(id, name),
    );
    ctx.loaders.clearAll();
    return { organizationalUnit: requireValue(audited), auditEventId: audited.auditEventId };
  },
  deleteOrganizationalUnit: async (_parent, { id, idempotencyKey }, ctx) => {
    const audited = await runAudited<OrganizationalUnit>(
      ctx,
      {
        operation: 'deleteOrganizationalUnit',
        upstreamAction: 'DeleteOrganizationalUnit',
        targetType: 'ORGANIZATIONAL_UNIT',
        targetId: id,
        arguments: { id },
        idempotencyKey: key(idempotencyKey),
        readState: async (deleted?: OrganizationalUnit) => (deleted ? { organizationalUnit: null } : ouState(ctx, id)),
        // The mirror finds the OU gone and re-reads its parent's children.
        touches: () => [{ kind: 'ORGANIZATIONAL_UNIT', id }],
      },
      async (writer) => {
        // The payload shows the OU as it was.
        const before = await ctx.organizations.describeOrganizationalUnit(id);
        const { upstreamRequestId } = await writer.deleteOrganizationalUnit(id);
        return { value: before, upstreamRequestId };
      },
    );
    ctx.loaders.clearAll();
    return { organizationalUnit: requireValue(audited), auditEventId: audited.auditEventId };
  },
  moveAccount: async (_parent, { accountId, destinationParentId, idempotencyKey, acknowledge }, ctx) => {
    const { auditEventId } = await runAudited(
      ctx,
      {
        operation: 'moveAccount',
        upstreamAction: 'MoveAccount',
        targetType: 'ACCOUNT',
        targetId: accountId,
        arguments: { accountId, destinationParentId, ...acknowledgementArgument(acknowledge) },
        idempotencyKey: key(idempotencyKey),
        readState: async () => ({ account: { id: accountId, parentId: (await ctx.organizations.listParent(accountId)).id } }),
        // The account's new path tells the mirror to re-read the source parent too.
        touches: () => [
          { kind: 'ACCOUNT', id: accountId },
          { kind: 'CHILDREN', parentId: destinationParentId },
        ],
      },
      async (writer) => {
        // The new place's policies may opt the account out of AI services (of all types, only AI opt-out deletes content).
        await requireStoredContentAcknowledgement(ctx, acknowledge, STORED_CONTENT_POLICY_TYPE, [{ kind: 'MOVE_ACCOUNT', accountId, destinationParentId }]);
        // MoveAccount needs the current parent; the caller only says where the account should go.
        const source = await ctx.organizations.listParent(accountId);
        return writer.moveAccount(accountId, source.id, destinationParentId);
      },
    );
    ctx.loaders.clearAll();
    return {
      account: await payloadRead(
        ctx,
        () => ctx.loaders.account.load(accountId),
        async () => nodeStub(accountId) as Account,
      ),
      auditEventId,
    };
  },
  tagResource: async (_parent, { resourceId, tags, idempotencyKey }, ctx) => {
    const tagList: Tag[] = tags.map((t) => ({ key: t.key, value: t.value }));
    const { auditEventId } = await runAudited(
      ctx,
      {
        operation: 'tagResource',
        upstreamAction: 'TagResource',
        targetType: targetTypeOf(resourceId),
        targetId: resourceId,
        arguments: { resourceId, tags: tagList },
        idempotencyKey: key(idempotencyKey),
        readState: () => tagState(ctx, resourceId),
        touches: () => [{ kind: 'TAGS', resourceId }],
      },
      (writer) => writer.tagResource(resourceId, tagList),
    );
    ctx.loaders.clearAll();
    return {
      resource: await payloadRead(
        ctx,
        () => loadAnyNode(ctx.loaders, resourceId),
        async () => nodeStub(resourceId),
      ),
      auditEventId,
    };
  },
  untagResource: async (_parent, { resourceId, tagKeys, idempotencyKey }, ctx) => {
    const { auditEventId } = await runAudited(
      ctx,
      {
        operation: 'untagResource',
        upstreamAction: 'UntagResource',
        targetType: targetTypeOf(resourceId),
        targetId: resourceId,
        arguments: { resourceId, tagKeys },
        idempotencyKey: key(idempotencyKey),
        readState: () => tagState(ctx, resourceId),
        touches: () => [{ kind: 'TAGS', resourceId }],
      },
      (writer) => writer.untagResource(resourceId, tagKeys),
    );
    ctx.loaders.clearAll();
    return {
      resource: await payloadRead(
        ctx,
        () => loadAnyNode(ctx.loaders, resourceId),
        async () => nodeStub(resourceId),
      ),
      auditEventId,
    };
  },
};
