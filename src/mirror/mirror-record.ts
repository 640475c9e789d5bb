import type { Account } from '../domain/account';
import type { Organization, Root } from '../domain/organization';
import type { OrganizationalUnit } from '../domain/organizational-unit';
import type { Policy } from '../domain/organization-policy';
import type { ParentRef } from '../domain/ports';
import type { PolicyType } from '../domain/policy-type';
import type { Tag } from '../domain/tag';
import type { EntityRef } from './entity-ref';

/**
 * The unit the mirror stores, versions and persists: one upstream answer. Keys are `KIND id`
 * (`ORGANIZATION` and `ROOTS` have an empty id). Parents, targets and paths are all derived
 * from these records, so a record is the smallest thing a refresh can replace.
 */
export interface RecordData {
  ORGANIZATION: Organization;
  ROOTS: readonly Root[];
  ACCOUNT: Account;
  ORGANIZATIONAL_UNIT: OrganizationalUnit;
  /** Both child lists of a parent, ids in upstream order. */
  CHILDREN: { readonly ous: readonly string[]; readonly accounts: readonly string[] };
  POLICY: Policy;
  /** Policy ids of one type, in ListPolicies order. */
  POLICIES: readonly string[];
  /** Direct attachments of a target per policy type, in attachment order (types with none are absent). */
  ATTACHMENTS: Readonly<Partial<Record<PolicyType, readonly string[]>>>;
  /** ListTargetsForPolicy, in upstream order. */
  TARGETS: readonly ParentRef[];
  TAGS: readonly Tag[];
}

export type RecordKind = keyof RecordData;

export const RECORD_KINDS: readonly RecordKind[] = [
  'ORGANIZATION',
  'ROOTS',
  'ACCOUNT',
  'ORGANIZATIONAL_UNIT',
  'CHILDREN',
  'POLICY',
  'POLICIES',
  'ATTACHMENTS',
  'TARGETS',
  'TAGS',
];

export function recordKey(kind: RecordKind, id = ''): string {
  return `${kind} ${id}`;
}

export function parseRecordKey(key: string): { kind: RecordKind; id: string } {
  const space = key.indexOf(' ');
  return { kind: key.slice(0, space) as RecordKind, id: key.slice(space + 1) };
}

/** The entity reference a record answers to (what a change reports). */
export function refOfKey(key: string): EntityRef {
  const { kind, id } = parseRecordKey(key);
  switch (kind) {
    case 'ORGANIZATION':
    case 'ROOTS':
      return { kind };
    case 'ACCOUNT':
    case 'ORGANIZATIONAL_UNIT':
    case 'POLICY':
      return { kind, id };
    case 'CHILDREN':
      return { kind, parentId: id };
    case 'POLICIES':
      return { kind, type: id as PolicyType };
    case 'ATTACHMENTS':
      return { kind, targetId: id };
    case 'TARGETS':
      return { kind, policyId: id };
    case 'TAGS':
      return { kind, resourceId: id };
  }
}

/** Records as JSON (dates as ISO text) and back: the persisted and compared form. */
export function recordToJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

export function recordFromJson(kind: RecordKind, json: unknown): unknown {
  if (kind !== 'ACCOUNT') return json;
  const account = json as Record<string, unknown>;
  return { ...account, joinedAt: typeof account.joinedAt === 'string' ? new Date(account.joinedAt) : undefined };
}

/** Key-order independent JSON text (PostgreSQL jsonb reorders keys): equal text = equal record. */
export function stableText(value: unknown): string {
  return JSON.stringify(sortKeys(recordToJson(value)));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
