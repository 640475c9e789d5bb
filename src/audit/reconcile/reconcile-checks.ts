import type { AuditEventRecord } from '../../domain/audit-log';
import { isOrgqlError } from '../../domain/errors';
import { isPolicyType } from '../../domain/policy-type';
import type { OrganizationsReader } from '../../domain/ports';
import { argument, failed, succeeded, type ReconcileCheck, type Verdict } from './verdict';

/** Runs `read`; a NOT_FOUND answer becomes `onMissing`'s verdict instead of an error. */
async function unlessMissing(read: () => Promise<Verdict>, onMissing: () => Verdict): Promise<Verdict> {
  try {
    return await read();
  } catch (error) {
    if (isOrgqlError(error) && error.code === 'NOT_FOUND') return onMissing();
    throw error;
  }
}

const policyTypeOn = async (intent: AuditEventRecord, organizations: OrganizationsReader, wantEnabled: boolean): Promise<Verdict> => {
  const rootId = intent.targetId ?? argument(intent, 'rootId');
  const type = intent.policyType ?? argument(intent, 'type', 'policyType');
  const root = (await organizations.listRoots()).find((r) => r.id === rootId);
  if (!root) return failed(`root ${rootId} does not exist upstream`);
  const enabled = root.policyTypes.some((p) => p.type === type && (p.status === 'ENABLED' || p.status === 'PENDING_ENABLE'));
  const verb = wantEnabled ? 'enabled' : 'disabled';
  return enabled === wantEnabled ? succeeded(`${type} is ${verb} on ${rootId} upstream`) : failed(`${type} is not ${verb} on ${rootId} upstream`);
};

const attachment = async (intent: AuditEventRecord, organizations: OrganizationsReader, wantAttached: boolean): Promise<Verdict> => {
  const policyId = intent.policyId ?? argument(intent, 'policyId');
  const targetId = intent.targetId ?? argument(intent, 'targetId');
  if (!policyId || !targetId) return { outcome: 'UNKNOWN', reason: 'the intent does not name both the policy and the target' };
  return unlessMissing(
    async () => {
      const attached = (await organizations.listTargetsForPolicy(policyId)).some((t) => t.id === targetId);
      const verb = wantAttached ? 'attached to' : 'detached from';
      return attached === wantAttached ? succeeded(`${policyId} is ${verb} ${targetId} upstream`) : failed(`${policyId} is not ${verb} ${targetId} upstream`);
    },
    () => (wantAttached ? failed(`policy ${policyId} does not exist upstream`) : succeeded(`policy ${policyId} no longer exists upstream, so it is not attached`)),
  );
};

/** A deletion took effect when the entity no longer exists upstream. */
function deleted(what: string, id: string | undefined, describe: (id: string) => Promise<unknown>): Promise<Verdict> {
  if (!id) return Promise.resolve({ outcome: 'UNKNOWN', reason: `the intent does not name the ${what}` });
  return unlessMissing(
    async () => (await describe(id), failed(`${what} ${id} still exists upstream`)),
    () => succeeded(`${what} ${id} no longer exists upstream`),
  );
}

/**
 * How each operation's effect is recognised upstream. Add an entry per new mutation; an operation
 * without one is recorded UNKNOWN with that reason.
 */
export const RECONCILE_CHECKS: Readonly<Record<string, ReconcileCheck>> = {
  enablePolicyType: (intent, organizations) => policyTypeOn(intent, organizations, true),
  disablePolicyType: (intent, organizations) => policyTypeOn(intent, organizations, false),
  attachPolicy: (intent, organizations) => attachment(intent, organizations, true),
  detachPolicy: (intent, organizations) => attachment(intent, organizations, false),
  deletePolicy: (intent, organizations) =>
    deleted('policy', intent.policyId ?? argument(intent, 'id', 'policyId'), (id) => organizations.describePolicy(id)),
  updatePolicy: (intent, organizations) => {
    const id = intent.policyId ?? argument(intent, 'id', 'policyId');
    const content = argument(intent, 'content');
    if (!id) return Promise.resolve({ outcome: 'UNKNOWN', reason: 'the intent does not name the policy' });
    return unlessMissing(
      async () => {
        const policy = await organizations.describePolicy(id);
        if (content === undefined) return { outcome: 'UNKNOWN', reason: 'the intent has no document to compare with' };
        return sameJson(policy.content, content) ? succeeded(`policy ${id} has the requested document upstream`) : failed(`policy ${id} does not have the requested document upstream`);
      },
      () => failed(`policy ${id} does not exist upstream`),
    );
  },
  createPolicy: async (intent, organizations) => {
    const name = argument(intent, 'name');
    const type = intent.policyType ?? argument(intent, 'type');
    if (!name || !isPolicyType(type)) return { outcome: 'UNKNOWN', reason: 'the intent does not name the policy and its type' };
    const found = (await organizations.listPolicies(type)).find((p) => p.name === name);
    return found ? succeeded(`a ${type} named ${name} exists upstream (${found.id})`) : failed(`no ${type} named ${name} exists upstream`);
  },
  deleteOrganizationalUnit: (intent, organizations) =>
    deleted('OU', intent.targetId ?? argument(intent, 'id', 'organizationalUnitId'), (id) => organizations.describeOrganizationalUnit(id)),
  renameOrganizationalUnit: (intent, organizations) => {
    const id = intent.targetId ?? argument(intent, 'id', 'organizationalUnitId');
    const name = argument(intent, 'name');
    if (!id || !name) return Promise.resolve({ outcome: 'UNKNOWN', reason: 'the intent does not name the OU and its new name' });
    return unlessMissing(
      async () => ((await organizations.describeOrganizationalUnit(id)).name === name ? succeeded(`OU ${id} is named ${name} upstream`) : failed(`OU ${id} is not named ${name} upstream`)),
      () => failed(`OU ${id} does not exist upstream`),
    );
  },
  createOrganizationalUnit: async (intent, organizations) => {
    const parentId = argument(intent, 'parentId');
    const name = argument(intent, 'name');
    if (!parentId || !name) return { outcome: 'UNKNOWN', reason: 'the intent does not name the parent and the OU name' };
    const found = (await organizations.listOrganizationalUnitsForParent(parentId)).find((ou) => ou.name === name);
    return found ? succeeded(`OU ${name} exists under ${parentId} upstream (${found.id})`) : failed(`no OU named ${name} under ${parentId} upstream`);
  },
  moveAccount: (intent, organizations) => {
    const accountId = intent.targetId ?? argument(intent, 'accountId');
    const destination = argument(intent, 'destinationParentId');
    if (!accountId || !destination) return Promise.resolve({ outcome: 'UNKNOWN', reason: 'the intent does not name the account and its destination' });
    return unlessMissing(
      async () => ((await organizations.listParent(accountId)).id === destination ? succeeded(`account ${accountId} is under ${destination} upstream`) : failed(`account ${accountId} is not under ${destination} upstream`)),
      () => failed(`account ${accountId} or ${destination} does not exist upstream`),
    );
  },
};

function sameJson(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return a === b;
  }
}
