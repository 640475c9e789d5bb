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
