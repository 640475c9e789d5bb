import type { AuditEventRecord } from '../../domain/audit-log';
import { isOrgqlError } from '../../domain/errors';
import { isPolicyType } from '../../domain/policy-type';
import type { OrganizationsReader } from '../../domain/ports';
import { closeAccount, createAccount } from './account-checks';
import { argument, before, creditedIf, failed, rawArgument, unknown, type MutationName, type ReconcileCheck, type Verdict } from './verdict';

/** Runs `read`; a NOT_FOUND answer becomes `onMissing`'s verdict instead of an error. */
async function unlessMissing(read: () => Promise<Verdict>, onMissing: () => Verdict): Promise<Verdict> {
  try {
    return await read();
  } catch (error) {
    if (isOrgqlError(error) && error.code === 'NOT_FOUND') return onMissing();
    throw error;
  }
}

const enabledIn = (types: unknown, type: string): boolean | undefined =>
  Array.isArray(types) ? types.some((p: { type?: string; status?: string }) => p.type === type && p.status !== 'PENDING_DISABLE') : undefined;

/** EnablePolicyType / DisablePolicyType: AWS refuses enabling an enabled type and disabling a disabled one. */
async function policyTypeOn(intent: AuditEventRecord, organizations: OrganizationsReader, wantEnabled: boolean): Promise<Verdict> {
  const rootId = intent.targetId ?? argument(intent, 'rootId');
  const type = intent.policyType ?? argument(intent, 'type', 'policyType');
  if (!rootId || !type) return unknown('the intent does not name the root and the policy type');
  const root = (await organizations.listRoots()).find((r) => r.id === rootId);
  if (!root) return failed(`root ${rootId} does not exist upstream`);
  const verb = wantEnabled ? 'enabled' : 'disabled';
  if (enabledIn(root.policyTypes, type) !== wantEnabled) return failed(`${type} is not ${verb} on ${rootId} upstream`);
  const root0 = before(intent, 'root') as { policyTypes?: unknown } | undefined;
  const wasEnabled = enabledIn(root0?.policyTypes, type);
  return creditedIf(wasEnabled === undefined ? undefined : wasEnabled === wantEnabled, `${type} is ${verb} on ${rootId}`, true, root);
}

/** AttachPolicy / DetachPolicy: AWS refuses a duplicate attachment and a detach of what is not attached. */
function attachment(intent: AuditEventRecord, organizations: OrganizationsReader, wantAttached: boolean): Promise<Verdict> {
  const policyId = intent.policyId ?? argument(intent, 'policyId');
  const targetId = intent.targetId ?? argument(intent, 'targetId');
  if (!policyId || !targetId) return Promise.resolve(unknown('the intent does not name both the policy and the target'));
  const verb = wantAttached ? 'attached to' : 'detached from';
  return unlessMissing(
    async () => {
      const attached = (await organizations.listTargetsForPolicy(policyId)).some((t) => t.id === targetId);
      if (attached !== wantAttached) return failed(`${policyId} is not ${verb} ${targetId} upstream`);
      const attachments = before(intent, 'attachments');
      const wasAttached = Array.isArray(attachments) ? attachments.some((a: { id?: string }) => a.id === policyId) : undefined;
      return creditedIf(wasAttached === undefined ? undefined : wasAttached === wantAttached, `${policyId} is ${verb} ${targetId}`, true);
    },
    () => (wantAttached ? failed(`policy ${policyId} does not exist upstream`) : unknown(`policy ${policyId} no longer exists upstream`)),
  );
}

/** A deletion took effect when the entity existed before the call and does not now. */
function deleted(intent: AuditEventRecord, what: string, member: string, id: string | undefined, describe: (id: string) => Promise<unknown>): Promise<Verdict> {
  if (!id) return Promise.resolve(unknown(`the intent does not name the ${what}`));
  const existed = before(intent, member);
  return unlessMissing(
    async () => (await describe(id), failed(`${what} ${id} still exists upstream`)),
    () => creditedIf(existed === undefined ? undefined : existed === null, `${what} ${id} does not exist`, true),
  );
}

/** A creation: AWS refuses a second entity with the name (DuplicatePolicyException, DuplicateOrganizationalUnitException). */
function created(intent: AuditEventRecord, what: string, found: { id: string } | undefined, value: () => Promise<unknown>): Promise<Verdict> {
  if (!found) return Promise.resolve(failed(`no ${what} exists upstream`));
  const existing = before(intent, 'existingWithName');
  if (existing !== undefined && existing !== null)
    return Promise.resolve(failed(`${what} exists upstream (${found.id}), but it already existed before the call, and AWS refuses a duplicate name`));
  if (existing === undefined) return Promise.resolve(creditedIf(undefined, `${what} exists (${found.id})`, true));
  return value().then((v) => creditedIf(false, `${what} exists (${found.id})`, true, v));
}

const sameJson = (a: unknown, b: string): boolean => {
  try {
    return JSON.stringify(typeof a === 'string' ? JSON.parse(a) : a) === JSON.stringify(JSON.parse(b));
  } catch {
    return a === b;
  }
};

/**
 * How each mutation's effect is recognised upstream: one entry per GraphQL mutation, keyed by its
 * name, so a new mutation does not compile without its check. Every verdict compares the state now
 * with the state before recorded on the intent: an effect that was already there is never credited.
 */
export const RECONCILE_CHECKS: Readonly<Record<MutationName, ReconcileCheck>> = {
  createAccount,
  closeAccount,
  enablePolicyType: (intent, organizations) => policyTypeOn(intent, organizations, true),
  disablePolicyType: (intent, organizations) => policyTypeOn(intent, organizations, false),
  attachPolicy: (intent, organizations) => attachment(intent, organizations, true),
  detachPolicy: (intent, organizations) => attachment(intent, organizations, false),
  deletePolicy: (intent, organizations) =>
    deleted(intent, 'policy', 'policy', intent.policyId ?? argument(intent, 'id', 'policyId'), (id) => organizations.describePolicy(id)),
  deleteOrganizationalUnit: (intent, organizations) =>
    deleted(intent, 'OU', 'organizationalUnit', intent.targetId ?? argument(intent, 'id'), (id) => organizations.describeOrganizationalUnit(id)),
  updatePolicy: (intent, organizations) => {
    const id = intent.policyId ?? argument(intent, 'id', 'policyId');
    if (!id) return Promise.resolve(unknown('the intent does not name the policy'));
    const wanted = { name: argument(intent, 'name'), description: argument(intent, 'description'), content: argument(intent, 'content') };
    const has = (p: { name?: unknown; description?: unknown; content?: unknown }) =>
      (wanted.name === undefined || p.name === wanted.name) &&
      (wanted.description === undefined || p.description === wanted.description) &&
      (wanted.content === undefined || sameJson(p.content, wanted.content));
    return unlessMissing(
      async () => {
        const policy = await organizations.describePolicy(id);
        if (!has(policy)) return failed(`policy ${id} does not have the requested name, description and document upstream`);
        const was = before(intent, 'policy') as Record<string, unknown> | null | undefined;
        return creditedIf(
          was === undefined || was === null ? undefined : has(was),
          `policy ${id} has the requested name, description and document`,
          false,
          policy,
        );
      },
      () => failed(`policy ${id} does not exist upstream`),
    );
  },
  createPolicy: async (intent, organizations) => {
    const name = argument(intent, 'name');
    const type = intent.policyType ?? argument(intent, 'type');
    if (!name || !isPolicyType(type)) return unknown('the intent does not name the policy and its type');
    const found = (await organizations.listPolicies(type)).find((p) => p.name === name);
    return created(intent, `a ${type} named ${name}`, found, () => organizations.describePolicy(found!.id));
  },
  createOrganizationalUnit: async (intent, organizations) => {
    const parentId = argument(intent, 'parentId');
    const name = argument(intent, 'name');
    if (!parentId || !name) return unknown('the intent does not name the parent and the OU name');
    const found = (await organizations.listOrganizationalUnitsForParent(parentId)).find((ou) => ou.name === name);
    return created(intent, `an OU named ${name} under ${parentId}`, found, async () => found);
  },
  renameOrganizationalUnit: (intent, organizations) => {
    const id = intent.targetId ?? argument(intent, 'id');
    const name = argument(intent, 'name');
    if (!id || !name) return Promise.resolve(unknown('the intent does not name the OU and its new name'));
    return unlessMissing(
      async () => {
        const ou = await organizations.describeOrganizationalUnit(id);
        if (ou.name !== name) return failed(`OU ${id} is not named ${name} upstream`);
        const was = before(intent, 'organizationalUnit') as { name?: string } | null | undefined;
        return creditedIf(was?.name === undefined ? undefined : was.name === name, `OU ${id} is named ${name}`, false, ou);
      },
      () => failed(`OU ${id} does not exist upstream`),
    );
  },
  moveAccount: (intent, organizations) => {
    const accountId = intent.targetId ?? argument(intent, 'accountId');
    const destination = argument(intent, 'destinationParentId');
    if (!accountId || !destination) return Promise.resolve(unknown('the intent does not name the account and its destination'));
    return unlessMissing(
      async () => {
        if ((await organizations.listParent(accountId)).id !== destination) return failed(`account ${accountId} is not under ${destination} upstream`);
        const was = before(intent, 'account') as { parentId?: string } | undefined;
        // AWS refuses a move to the parent the account is in (DuplicateAccountException).
        return creditedIf(was?.parentId === undefined ? undefined : was.parentId === destination, `account ${accountId} is under ${destination}`, true);
      },
      () => failed(`account ${accountId} or ${destination} does not exist upstream`),
    );
  },
  tagResource: async (intent, organizations) => {
    const resourceId = intent.targetId ?? argument(intent, 'resourceId');
    const tags = rawArgument(intent, 'tags');
    if (!resourceId || !Array.isArray(tags)) return unknown('the intent does not name the resource and its tags');
    const hasAll = (list: unknown) =>
      Array.isArray(list) &&
      tags.every((t: { key: string; value: string }) => list.some((n: { key?: string; value?: string }) => n.key === t.key && n.value === t.value));
    return unlessMissing(
      async () => {
        if (!hasAll(await organizations.listTagsForResource(resourceId))) return failed(`${resourceId} does not carry the requested tags upstream`);
        const was = before(intent, 'tags');
        // Tagging with the values a resource already has succeeds and changes nothing.
        return creditedIf(was === undefined ? undefined : hasAll(was), `${resourceId} carries the requested tags`, false);
      },
      () => failed(`${resourceId} does not exist upstream`),
    );
  },
  untagResource: async (intent, organizations) => {
    const resourceId = intent.targetId ?? argument(intent, 'resourceId');
    const keys = rawArgument(intent, 'tagKeys');
    if (!resourceId || !Array.isArray(keys)) return unknown('the intent does not name the resource and the tag keys');
    const hasNone = (list: unknown) => Array.isArray(list) && !list.some((n: { key?: string }) => keys.includes(n.key));
    return unlessMissing(
      async () => {
        if (!hasNone(await organizations.listTagsForResource(resourceId))) return failed(`${resourceId} still carries some of the tag keys upstream`);
        const was = before(intent, 'tags');
        return creditedIf(was === undefined ? undefined : hasNone(was), `${resourceId} carries none of the tag keys`, false);
      },
      () => failed(`${resourceId} does not exist upstream`),
    );
  },
  // API key changes (src/auth) are made in orgql's own database, not upstream: Organizations cannot
  // tell whether one happened, the key list (Query.apiKeys) can.
  createApiKey: async () => unknown('an API key is created in orgql, not upstream: see Query.apiKeys'),
  revokeApiKey: async () => unknown('an API key is revoked in orgql, not upstream: see Query.apiKeys'),
};
