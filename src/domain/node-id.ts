/**
 * What kind of entity an AWS Organizations id names, from the id patterns of the service model
 * (RootId `^r-[0-9a-z]{4,32}$`, OrganizationalUnitId `^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`,
 * AccountId `^\d{12}$`, PolicyId `^p-[0-9a-zA-Z_]{8,128}$`). Prefixes are enough to dispatch; the
 * upstream validates the rest.
 */
export type NodeIdKind = 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT' | 'POLICY';

export function nodeIdKind(id: string): NodeIdKind | undefined {
  if (id.startsWith('r-')) return 'ROOT';
  if (id.startsWith('ou-')) return 'ORGANIZATIONAL_UNIT';
  if (id.startsWith('p-')) return 'POLICY';
  if (/^\d{12}$/.test(id)) return 'ACCOUNT';
  return undefined;
}

/**
 * Ancestor ids (root first, parent last) from an entity path `o-xxx/r-xxx/ou-a/ou-b/<id>/`
 * (Account.Paths / OrganizationalUnit.Path). Undefined when the path is missing or not of that form.
 */
export function ancestorIdsFromPath(path: string | undefined, id: string): string[] | undefined {
  if (!path) return undefined;
  const parts = path.split('/').filter((part) => part !== '');
  if (parts.length < 3 || parts[parts.length - 1] !== id || !parts[1]?.startsWith('r-')) return undefined;
  return parts.slice(1, -1);
}

/** The service model's id patterns, anchored (the model's alternations are not). */
const ROOT = 'r-[0-9a-z]{4,32}';
const OU = 'ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}';
const ACCOUNT = '\\d{12}';
const POLICY = 'p-[0-9a-zA-Z_]{8,128}';
const anyOf = (...patterns: string[]) => new RegExp(`^(?:${patterns.join('|')})$`);

/** Which ids each Organizations request member accepts (RootId, ParentId, TargetId, ...). */
export const ID_MEMBER_PATTERNS: Readonly<Record<string, RegExp>> = {
  RootId: anyOf(ROOT),
  OrganizationalUnitId: anyOf(OU),
  AccountId: anyOf(ACCOUNT),
  PolicyId: anyOf(POLICY),
  ParentId: anyOf(ROOT, OU),
  SourceParentId: anyOf(ROOT, OU),
  DestinationParentId: anyOf(ROOT, OU),
  ChildId: anyOf(ACCOUNT, OU),
  TargetId: anyOf(ROOT, OU, ACCOUNT),
  ResourceId: anyOf(ROOT, OU, ACCOUNT, POLICY),
};

/** The first id member of a request that does not match its pattern, or undefined. */
export function invalidIdMember(input: Readonly<Record<string, unknown>>): { member: string; value: unknown } | undefined {
  for (const [member, pattern] of Object.entries(ID_MEMBER_PATTERNS)) {
    const value = input[member];
    if (value !== undefined && (typeof value !== 'string' || !pattern.test(value))) return { member, value };
  }
  return undefined;
}
