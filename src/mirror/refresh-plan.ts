import { isOrgqlError } from '../domain/errors';
import type { Account } from '../domain/account';
import type { OrganizationalUnit } from '../domain/organizational-unit';
import type { OrganizationsReader } from '../domain/ports';
import { POLICY_TYPES, type PolicyType } from '../domain/policy-type';
import type { EntityRef } from './entity-ref';
import { mapConcurrently } from './map-concurrently';
import { type RecordData, type RecordKind, recordKey, stableText } from './mirror-record';
import type { MirrorSnapshot, RecordUpdate } from './mirror-snapshot';

/** A ref's identity, for de-duplication: each entity is read at most once per refresh. */
export function refKey(ref: EntityRef): string {
  switch (ref.kind) {
    case 'ORGANIZATION':
    case 'ROOTS':
      return ref.kind;
    case 'CHILDREN':
      return `CHILDREN ${ref.parentId}`;
    case 'POLICIES':
      return `POLICIES ${ref.type}`;
    case 'ATTACHMENTS':
      return `ATTACHMENTS ${ref.targetId} ${ref.type ?? '*'}`;
    case 'TARGETS':
      return `TARGETS ${ref.policyId}`;
    case 'TAGS':
      return `TAGS ${ref.resourceId}`;
    default:
      return `${ref.kind} ${ref.id}`;
  }
}

async function orGone<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (isOrgqlError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/**
 * Re-reads the named entities upstream and returns the records that replace them (null: gone).
 * What a read reveals pulls in what it implies, so the records stay consistent with each other:
 * an account found under a new parent re-reads both parents' child lists, an id gone from a child
 * list is looked up again, a policy type disabled at the root re-reads where its policies were
 * attached (DisablePolicyType detaches them all), and a change of attachments re-reads the
 * targets of the policies concerned. Each entity is read at most once per refresh.
 */
export async function readRefs(
  reader: OrganizationsReader,
  snapshot: MirrorSnapshot,
  refs: readonly EntityRef[],
  concurrency: number,
): Promise<RecordUpdate[]> {
  const updates = new Map<string, unknown>();
  const seen = new Set<string>();
  const get = <K extends RecordKind>(kind: K, id = ''): RecordData[K] | undefined => {
    const key = recordKey(kind, id);
    return (updates.has(key) ? (updates.get(key) ?? undefined) : snapshot.getByKey(key)) as RecordData[K] | undefined;
  };
  const put = <K extends RecordKind>(kind: K, id: string, data: RecordData[K] | null) => updates.set(recordKey(kind, id), data);
  let pending: EntityRef[] = [];
  const want = (ref: EntityRef) => {
    if (!seen.has(refKey(ref))) pending.push(ref);
    seen.add(refKey(ref));
  };
  const typesInUse = (): PolicyType[] => POLICY_TYPES.filter((type) => (get('POLICIES', type) ?? []).length > 0);
  const parentOf = (id: string): string | undefined => {
    for (const key of [...updates.keys()].filter((k) => k.startsWith('CHILDREN '))) {
      const children = updates.get(key) as RecordData['CHILDREN'] | null;
      if (children && (children.ous.includes(id) || children.accounts.includes(id))) return key.slice('CHILDREN '.length);
    }
    return snapshot.parentOf(id);
  };
  const removeNode = (id: string) => {
    for (const policyId of Object.values(get('ATTACHMENTS', id) ?? {}).flat()) want({ kind: 'TARGETS', policyId: policyId as string });
    put('ATTACHMENTS', id, null);
    put('TAGS', id, null);
  };
  const placed = (id: string, entity: Account | OrganizationalUnit) => {
    const now = entity.ancestorIds?.[entity.ancestorIds.length - 1];
    const before = parentOf(id);
    if (now !== before) {
      if (now) want({ kind: 'CHILDREN', parentId: now });
      if (before) want({ kind: 'CHILDREN', parentId: before });
    }
  };

  const read = async (ref: EntityRef): Promise<void> => {
    switch (ref.kind) {
      case 'ORGANIZATION':
        put('ORGANIZATION', '', await reader.describeOrganization());
        return;
      case 'ROOTS': {
        const roots = await reader.listRoots();
        const enabledBefore = new Set((get('ROOTS') ?? []).flatMap((r) => r.policyTypes.map((p) => `${r.id} ${p.type}`)));
        const enabledNow = new Set(roots.flatMap((r) => r.policyTypes.map((p) => `${r.id} ${p.type}`)));
        put('ROOTS', '', roots);
        for (const entry of enabledBefore) {
          if (enabledNow.has(entry)) continue;
          const type = entry.split(' ')[1] as PolicyType;
          for (const policyId of get('POLICIES', type) ?? []) {
            if ((get('TARGETS', policyId) ?? []).length > 0) want({ kind: 'TARGETS', policyId });
          }
        }
        return;
      }
      case 'ACCOUNT': {
        const account = await orGone(reader.describeAccount(ref.id));
        if (!account) {
          const parent = parentOf(ref.id);
          if (parent) want({ kind: 'CHILDREN', parentId: parent });
          put('ACCOUNT', ref.id, null);
          removeNode(ref.id);
          return;
        }
        placed(ref.id, account);
        put('ACCOUNT', ref.id, account);
        return;
      }
      case 'ORGANIZATIONAL_UNIT': {
        const ou = await orGone(reader.describeOrganizationalUnit(ref.id));
        if (!ou) {
          const parent = parentOf(ref.id);
          if (parent) want({ kind: 'CHILDREN', parentId: parent });
          put('ORGANIZATIONAL_UNIT', ref.id, null);
          put('CHILDREN', ref.id, null);
          removeNode(ref.id);
          return;
        }
        placed(ref.id, ou);
        put('ORGANIZATIONAL_UNIT', ref.id, ou);
        if (!get('CHILDREN', ref.id)) want({ kind: 'CHILDREN', parentId: ref.id });
        return;
      }
      case 'CHILDREN': {
        const before = get('CHILDREN', ref.parentId);
        const lists = await orGone(Promise.all([reader.listOrganizationalUnitsForParent(ref.parentId), reader.listAccountsForParent(ref.parentId)]));
        if (!lists) {
          put('CHILDREN', ref.parentId, null);
          return;
        }
        const [ous, accounts] = lists;
        put('CHILDREN', ref.parentId, { ous: ous.map((o) => o.id), accounts: accounts.map((a) => a.id) });
        for (const ou of ous) {
          if (!get('ORGANIZATIONAL_UNIT', ou.id)) want({ kind: 'CHILDREN', parentId: ou.id });
          put('ORGANIZATIONAL_UNIT', ou.id, ou);
        }
        for (const account of accounts) put('ACCOUNT', account.id, account);
        const now = new Set([...ous, ...accounts].map((c) => c.id));
        for (const id of before?.ous ?? []) if (!now.has(id)) want({ kind: 'ORGANIZATIONAL_UNIT', id });
        for (const id of before?.accounts ?? []) if (!now.has(id)) want({ kind: 'ACCOUNT', id });
        return;
      }
      case 'POLICY': {
        const before = get('POLICY', ref.id);
        const policy = await orGone(reader.describePolicy(ref.id));
        if (!policy) {
          if (before) want({ kind: 'POLICIES', type: before.type });
          for (const target of get('TARGETS', ref.id) ?? []) {
            const attachments = get('ATTACHMENTS', target.id);
            if (attachments && before)
              put('ATTACHMENTS', target.id, { ...attachments, [before.type]: (attachments[before.type] ?? []).filter((id) => id !== ref.id) });
          }
          put('POLICY', ref.id, null);
          put('TARGETS', ref.id, null);
          put('TAGS', ref.id, null);
          return;
        }
        put('POLICY', ref.id, policy);
        if (!(get('POLICIES', policy.type) ?? []).includes(policy.id)) want({ kind: 'POLICIES', type: policy.type });
        if (!before) want({ kind: 'TARGETS', policyId: policy.id });
        return;
      }
      case 'POLICIES': {
        const summaries = await reader.listPolicies(ref.type);
        const before = new Set(get('POLICIES', ref.type) ?? []);
        put(
          'POLICIES',
          ref.type,
          summaries.map((p) => p.id),
        );
        for (const summary of summaries) {
          const known = get('POLICY', summary.id);
          const { content: _content, ...knownSummary } = known ?? { content: '' };
          if (!known || stableText(knownSummary) !== stableText(summary)) want({ kind: 'POLICY', id: summary.id });
          before.delete(summary.id);
        }
        for (const gone of before) want({ kind: 'POLICY', id: gone });
        return;
      }
      case 'ATTACHMENTS': {
        const types = ref.type ? [ref.type] : typesInUse();
        const lists = await orGone(Promise.all(types.map((type) => reader.listPoliciesForTarget(ref.targetId, type))));
        if (!lists) {
          put('ATTACHMENTS', ref.targetId, null);
          return;
        }
        const before = get('ATTACHMENTS', ref.targetId) ?? {};
        const next: Partial<Record<PolicyType, readonly string[]>> = { ...before };
        types.forEach((type, i) => {
          const ids = lists[i]!.map((p) => p.id);
          if (ids.length > 0) next[type] = ids;
          else delete next[type];
          const was = new Set(before[type] ?? []);
          for (const id of ids) {
            if (!get('POLICY', id)) want({ kind: 'POLICY', id });
            if (!was.delete(id)) want({ kind: 'TARGETS', policyId: id });
          }
          for (const id of was) want({ kind: 'TARGETS', policyId: id });
        });
        put('ATTACHMENTS', ref.targetId, Object.keys(next).length > 0 ? next : null);
        return;
      }
      case 'TARGETS': {
        const targets = await orGone(reader.listTargetsForPolicy(ref.policyId));
        if (!targets) {
          want({ kind: 'POLICY', id: ref.policyId });
          return;
        }
        const type = get('POLICY', ref.policyId)?.type;
        const before = new Set((get('TARGETS', ref.policyId) ?? []).map((t) => t.id));
        put('TARGETS', ref.policyId, targets);
        for (const target of targets) if (!before.delete(target.id) && type) want({ kind: 'ATTACHMENTS', targetId: target.id, type });
        for (const gone of before) if (type) want({ kind: 'ATTACHMENTS', targetId: gone, type });
        return;
      }
      case 'TAGS':
        put('TAGS', ref.resourceId, await orGone(reader.listTagsForResource(ref.resourceId)));
        return;
    }
  };

  for (const ref of refs) want(ref);
  while (pending.length > 0) {
    const wave = pending;
    pending = [];
    await mapConcurrently(wave, concurrency, read);
  }
  return [...updates.entries()].map(([key, data]) => ({ key, data }));
}
