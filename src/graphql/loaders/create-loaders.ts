import DataLoader from 'dataloader';
import type { Account } from '../../domain/account';
import { nodeIdKind } from '../../domain/node-id';
import type { Root } from '../../domain/organization';
import type { OrganizationalUnit } from '../../domain/organizational-unit';
import type { Policy, PolicySummary } from '../../domain/organization-policy';
import type { OrganizationsReader, ParentRef } from '../../domain/ports';
import type { PolicyType } from '../../domain/policy-type';
import type { Tag } from '../../domain/tag';
import { type AttachmentIndex, buildAttachmentIndex } from './attachment-index';
import { parseAttachmentKey } from './attachment-key';
import { mapConcurrently } from './map-concurrently';

/**
 * Per-request DataLoaders over the port: each entity or list is fetched at most once per request,
 * and lists prime the entity loaders (an account listed under its parent is not described again,
 * and its parent is known). AWS has no batch-get, so a batch is N calls with bounded concurrency.
 */
export interface Loaders {
  roots(): Promise<Root[]>;
  readonly account: DataLoader<string, Account>;
  readonly organizationalUnit: DataLoader<string, OrganizationalUnit>;
  readonly policy: DataLoader<string, Policy>;
  readonly childOrganizationalUnits: DataLoader<string, OrganizationalUnit[]>;
  readonly childAccounts: DataLoader<string, Account[]>;
  /** Child id -> parent id. */
  readonly parent: DataLoader<string, string>;
  /** attachmentKey(targetId, type) -> direct attachments in attachment order. */
  readonly attachments: DataLoader<string, PolicySummary[]>;
  readonly targetsForPolicy: DataLoader<string, ParentRef[]>;
  readonly tags: DataLoader<string, Tag[]>;
  /** Forgets everything loaded so far: called after a change, so its payload reads fresh state. */
  clearAll(): void;
}

export interface LoaderOptions {
  /** Upstream calls in flight per batch. */
  readonly concurrency: number;
  /** From this many targets of one type in a batch on, one organization-wide index is cheaper. */
  readonly indexThreshold: number;
}

const DEFAULTS: LoaderOptions = { concurrency: 8, indexThreshold: 8 };

export function createLoaders(port: OrganizationsReader, options: LoaderOptions = DEFAULTS): Loaders {
  const each =
    <K, V>(fn: (key: K) => Promise<V>) =>
    (keys: readonly K[]) =>
      mapConcurrently(keys, options.concurrency, fn);
  let roots: Promise<Root[]> | undefined;
  const indexes = new Map<PolicyType, Promise<AttachmentIndex>>();

  const primeAncestors = (id: string, ancestorIds: readonly string[] | undefined): void => {
    if (!ancestorIds || ancestorIds.length === 0) return;
    parent.prime(id, ancestorIds[ancestorIds.length - 1]!);
    for (let i = 1; i < ancestorIds.length; i++) parent.prime(ancestorIds[i]!, ancestorIds[i - 1]!);
  };
  const account: DataLoader<string, Account> = new DataLoader(
    each(async (id: string) => {
      const found = await port.describeAccount(id);
      primeAncestors(id, found.ancestorIds);
      return found;
    }),
  );
  const organizationalUnit: DataLoader<string, OrganizationalUnit> = new DataLoader(
    each(async (id: string) => {
      const found = await port.describeOrganizationalUnit(id);
      primeAncestors(id, found.ancestorIds);
      return found;
    }),
  );
  const parent: DataLoader<string, string> = new DataLoader(
    each(async (id: string) => {
      // DescribeAccount / DescribeOrganizationalUnit carry the whole path in one call; ListParents
      // is the fallback for an upstream that does not send it.
      const kind = nodeIdKind(id);
      const entity = kind === 'ACCOUNT' ? await account.load(id) : kind === 'ORGANIZATIONAL_UNIT' ? await organizationalUnit.load(id) : undefined;
      const fromPath = entity?.ancestorIds?.[entity.ancestorIds.length - 1];
      return fromPath ?? (await port.listParent(id)).id;
    }),
  );
  const childOrganizationalUnits = new DataLoader(
    each(async (parentId: string) => {
      const ous = await port.listOrganizationalUnitsForParent(parentId);
      for (const ou of ous) {
        organizationalUnit.prime(ou.id, ou);
        parent.prime(ou.id, parentId);
      }
      return ous;
    }),
  );
  const childAccounts = new DataLoader(
    each(async (parentId: string) => {
      const accounts = await port.listAccountsForParent(parentId);
      for (const a of accounts) {
        account.prime(a.id, a);
        parent.prime(a.id, parentId);
      }
      return accounts;
    }),
  );
  const targetsForPolicy = new DataLoader(each((policyId: string) => port.listTargetsForPolicy(policyId)));
  const policiesOfType = new DataLoader((types: readonly PolicyType[]) => mapConcurrently(types, options.concurrency, (type) => port.listPolicies(type)));
  /**
   * The organization-wide index when it is cheaper than asking each target: it costs about one
   * call per policy of the type, asking each target costs one call per target.
   */
  const indexFor = async (type: PolicyType, targets: number): Promise<AttachmentIndex | undefined> => {
    let index = indexes.get(type);
    if (!index) {
      const policies = await policiesOfType.load(type);
      if (policies.length > targets) return undefined;
      index = indexes.get(type) ?? buildAttachmentIndex(port, policies, targetsForPolicy, type, options.concurrency);
      indexes.set(type, index);
    }
    return index;
  };
  const attachments = new DataLoader(async (keys: readonly string[]) => {
    const parsed = keys.map(parseAttachmentKey);
    const countByType = new Map<PolicyType, number>();
    for (const { type } of parsed) countByType.set(type, (countByType.get(type) ?? 0) + 1);
    const chosen = new Map<PolicyType, Promise<AttachmentIndex | undefined>>();
    for (const [type, count] of countByType) {
      if (indexes.has(type) || count >= options.indexThreshold) chosen.set(type, indexFor(type, count));
    }
    return mapConcurrently(parsed, options.concurrency, async ({ targetId, type }) => {
      const index = await chosen.get(type);
      return index ? [...(index.get(targetId) ?? [])] : port.listPoliciesForTarget(targetId, type);
    });
  });

  const loaders = {
    policiesOfType,
    account,
    organizationalUnit,
    policy: new DataLoader(each((id: string) => port.describePolicy(id))),
    childOrganizationalUnits,
    childAccounts,
    parent,
    attachments,
    targetsForPolicy,
    tags: new DataLoader(each((id: string) => port.listTagsForResource(id))),
  };
  return {
    ...loaders,
    roots: () => (roots ??= port.listRoots()),
    clearAll() {
      for (const loader of Object.values(loaders)) loader.clearAll();
      roots = undefined;
      indexes.clear();
    },
  };
}
