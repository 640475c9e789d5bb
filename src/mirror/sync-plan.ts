import type { OrganizationsReader, ParentRef } from '../domain/ports';
import { POLICY_TYPES, type PolicyType } from '../domain/policy-type';
import type { Policy } from '../domain/organization-policy';
import { mapConcurrently } from './map-concurrently';
import { recordKey, type RecordData } from './mirror-record';
import type { MirrorSnapshot, RecordUpdate } from './mirror-snapshot';

export interface SyncOptions {
  /** Upstream calls in flight at once (the upstream client paces them to AWS's rates). */
  readonly concurrency: number;
}

/**
 * The whole organization but its tags, with the fewest calls the API allows:
 * - DescribeOrganization, ListRoots; per parent (root or OU) ListOrganizationalUnitsForParent and
 *   ListAccountsForParent (accounts come with their paths; no DescribeAccount, no ListParents);
 * - ListPolicies per policy type (policies of a disabled type still exist), DescribePolicy per
 *   policy (only it has the document) and ListTargetsForPolicy per policy;
 * - ListPoliciesForTarget only for a target holding two or more policies of one type: attachment
 *   order decides which @@assign wins (user guide, "Inheritance for management policy types",
 *   example 6) and ListTargetsForPolicy cannot tell it. The same plan as
 *   src/graphql/loaders/attachment-index.ts, for every type at once.
 * Every list call follows NextToken to the end (the reader does).
 */
export async function readOrganization(reader: OrganizationsReader, options: SyncOptions): Promise<RecordUpdate[]> {
  const updates: RecordUpdate[] = [];
  const put = <K extends keyof RecordData>(kind: K, id: string, data: RecordData[K]) => updates.push({ key: recordKey(kind, id), data });

  const [organization, roots] = await Promise.all([reader.describeOrganization(), reader.listRoots()]);
  put('ORGANIZATION', '', organization);
  put('ROOTS', '', roots);

  let level = roots.map((root) => root.id);
  while (level.length > 0) {
    const lists = await mapConcurrently(level, Math.max(1, options.concurrency >> 1), async (parentId) => {
      const [ous, accounts] = await Promise.all([reader.listOrganizationalUnitsForParent(parentId), reader.listAccountsForParent(parentId)]);
      return { parentId, ous, accounts };
    });
    level = [];
    for (const { parentId, ous, accounts } of lists) {
      put('CHILDREN', parentId, { ous: ous.map((ou) => ou.id), accounts: accounts.map((a) => a.id) });
      for (const ou of ous) put('ORGANIZATIONAL_UNIT', ou.id, ou);
      for (const account of accounts) put('ACCOUNT', account.id, account);
      level.push(...ous.map((ou) => ou.id));
    }
  }

  const summaries = await mapConcurrently(POLICY_TYPES, options.concurrency, (type) => reader.listPolicies(type));
  POLICY_TYPES.forEach((type, i) =>
    put(
      'POLICIES',
      type,
      summaries[i]!.map((p) => p.id),
    ),
  );
  const all = summaries.flat();
  const details = await mapConcurrently(all, options.concurrency, async (summary) => {
    const [policy, targets] = await Promise.all([reader.describePolicy(summary.id), reader.listTargetsForPolicy(summary.id)]);
    return { policy, targets };
  });
  for (const { policy, targets } of details) {
    put('POLICY', policy.id, policy);
    put('TARGETS', policy.id, targets);
  }
  for (const [targetId, attachments] of await attachmentsOf(reader, details, options)) put('ATTACHMENTS', targetId, attachments);
  return updates;
}

type Attachments = Partial<Record<PolicyType, string[]>>;

/** Each target's attachments per type, in attachment order, from the targets of every policy. */
async function attachmentsOf(
  reader: OrganizationsReader,
  details: ReadonlyArray<{ policy: Policy; targets: readonly ParentRef[] }>,
  options: SyncOptions,
): Promise<Map<string, Attachments>> {
  const byTarget = new Map<string, Attachments>();
  for (const { policy, targets } of details) {
    for (const target of targets) {
      const entry = byTarget.get(target.id) ?? {};
      (entry[policy.type] ??= []).push(policy.id);
      byTarget.set(target.id, entry);
    }
  }
  const ambiguous: Array<{ targetId: string; type: PolicyType }> = [];
  for (const [targetId, entry] of byTarget) {
    for (const [type, ids] of Object.entries(entry) as Array<[PolicyType, string[]]>) if (ids.length > 1) ambiguous.push({ targetId, type });
  }
  const ordered = await mapConcurrently(ambiguous, options.concurrency, ({ targetId, type }) => reader.listPoliciesForTarget(targetId, type));
  ambiguous.forEach(({ targetId, type }, i) => {
    byTarget.get(targetId)![type] = ordered[i]!.map((p) => p.id);
  });
  return byTarget;
}

/** Every taggable resource's tags (roots, OUs, accounts, policies): one ListTagsForResource each. */
export async function readTags(reader: OrganizationsReader, snapshot: MirrorSnapshot, options: SyncOptions): Promise<RecordUpdate[]> {
  const ids = taggableIds(snapshot);
  const tags = await mapConcurrently(ids, options.concurrency, (id) => reader.listTagsForResource(id));
  return ids.map((id, i) => ({ key: recordKey('TAGS', id), data: tags[i]! }));
}

export function taggableIds(snapshot: MirrorSnapshot): string[] {
  const ids: string[] = [];
  for (const key of snapshot.keys()) {
    const space = key.indexOf(' ');
    const kind = key.slice(0, space);
    if (kind === 'ACCOUNT' || kind === 'ORGANIZATIONAL_UNIT' || kind === 'POLICY') ids.push(key.slice(space + 1));
  }
  for (const root of snapshot.get('ROOTS') ?? []) ids.push(root.id);
  return ids;
}
