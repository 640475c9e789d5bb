import type { AttachedPolicy, NodeKind, PathNode } from '../effective-types';

/** Small builders so tests read like the user-guide examples. */
export function policy(id: string, doc: unknown, name = `Policy ${id}`): AttachedPolicy {
  return { id, name, content: JSON.stringify(doc) };
}

export function node(id: string, kind: NodeKind, ...policies: AttachedPolicy[]): PathNode {
  return { id, kind, name: id, policies };
}

export const root = (...p: AttachedPolicy[]): PathNode => node('r-root', 'ROOT', ...p);
export const ou = (id: string, ...p: AttachedPolicy[]): PathNode => node(id, 'ORGANIZATIONAL_UNIT', ...p);
export const account = (id: string, ...p: AttachedPolicy[]): PathNode => node(id, 'ACCOUNT', ...p);
