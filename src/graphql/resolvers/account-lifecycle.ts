import type { Account } from '../../domain/account';
import type { CreateAccountRequest, CreateAccountStatus as CreateAccountStatusModel } from '../../domain/create-account';
import { OrgqlError } from '../../domain/errors';
import type { Tag } from '../../domain/tag';
import type { CreateAccountStatusResolvers, MutationResolvers, QueryResolvers } from '../../generated/graphql';
import { runAudited } from '../audited-mutation';
import type { GraphQLContext } from '../context';
import { nodeStub, payloadRead } from '../payload-read';

const key = (idempotencyKey: string | null | undefined) => idempotencyKey ?? undefined;

/** What the audit log keeps of a create-account request: enough to follow it later. */
const statusState = (status: CreateAccountStatusModel) => ({
  createAccountStatus: { id: status.id, state: status.state, accountId: status.accountId ?? null, failureReason: status.failureReason ?? null },
});

async function accountState(ctx: GraphQLContext, accountId: string): Promise<unknown> {
  const account = await ctx.organizations.describeAccount(accountId);
  return { account: { id: account.id, state: account.state ?? null } };
}

/**
 * createAccount, closeAccount and createAccountStatus (API_CreateAccount, API_CloseAccount,
 * API_DescribeCreateAccountStatus). Both changes go through runAudited; neither knows the final
 * outcome when it returns: the audit records that AWS accepted the request, and the status
 * (createAccountStatus) or the account's state (PENDING_CLOSURE, then CLOSED) tells the rest.
 */
export const accountLifecycleMutations: Pick<MutationResolvers, 'createAccount' | 'closeAccount'> = {
  createAccount: async (_parent, { email, accountName, roleName, iamUserAccessToBilling, tags, idempotencyKey }, ctx) => {
    const tagList: Tag[] = (tags ?? []).map((t) => ({ key: t.key, value: t.value }));
    const request: CreateAccountRequest = {
      email,
      accountName,
      ...(roleName ? { roleName } : {}),
      ...(iamUserAccessToBilling ? { iamUserAccessToBilling } : {}),
      tags: tagList,
    };
    const { value, auditEventId } = await runAudited<CreateAccountStatusModel>(
      ctx,
      {
        // The account does not exist yet: the request is about the organization, and lands under the root.
        operation: 'createAccount',
        upstreamAction: 'CreateAccount',
        targetType: undefined,
        targetId: undefined,
        arguments: { email, accountName, roleName: roleName ?? null, iamUserAccessToBilling: iamUserAccessToBilling ?? null, tags: tagList },
        idempotencyKey: key(idempotencyKey),
        readState: async (status?: CreateAccountStatusModel) => (status ? statusState(status) : { createAccountStatus: null }),
        // The account usually appears later (the request runs on): its event or the next refresh brings it in.
        touches: (status) => (status.accountId ? [{ kind: 'ACCOUNT', id: status.accountId }] : []),
      },
      (writer) => writer.createAccount(request),
    );
    ctx.loaders.clearAll();
    return { createAccountStatus: value, auditEventId };
  },
  closeAccount: async (_parent, { accountId, idempotencyKey }, ctx) => {
    const { auditEventId } = await runAudited(
      ctx,
      {
        operation: 'closeAccount',
        upstreamAction: 'CloseAccount',
        targetType: 'ACCOUNT',
        targetId: accountId,
        arguments: { accountId },
        idempotencyKey: key(idempotencyKey),
        readState: () => accountState(ctx, accountId),
        touches: () => [{ kind: 'ACCOUNT', id: accountId }],
      },
      (writer) => writer.closeAccount(accountId),
    );
    ctx.loaders.clearAll();
    // The account is closing whether or not it can be read back now: the payload falls back to its id.
    return {
      account: await payloadRead(
        ctx,
        () => ctx.loaders.account.load(accountId),
        async () => nodeStub(accountId) as Account,
      ),
      auditEventId,
    };
  },
};

export const accountLifecycleQueries: Pick<QueryResolvers, 'createAccountStatus'> = {
  createAccountStatus: (_parent, { id }, ctx) => {
    if (!/^car-[a-z0-9]{8,32}$/.test(id)) throw new OrgqlError('BAD_USER_INPUT', `${JSON.stringify(id)} is not a create-account request id (car-...).`, { id });
    return ctx.organizations.describeCreateAccountStatus(id);
  },
};

export const CreateAccountStatus: CreateAccountStatusResolvers = {
  account: (status, _args, ctx) => (status.state === 'SUCCEEDED' && status.accountId ? ctx.loaders.account.load(status.accountId) : null),
};
