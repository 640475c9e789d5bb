import type { OrgState } from './org-state';

/** Read-only questions about the tree shape; every operation goes through these. */
export type NodeKind = 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';

export function nodeKind(state: OrgState, id: string): NodeKind | undefined {
  if (id === state.root.id) return 'ROOT';
  if (state.ous.has(id)) return 'ORGANIZATIONAL_UNIT';
  if (state.accounts.has(id)) return 'ACCOUNT';
  return undefined;
}

export function isParent(state: OrgState, id: string): boolean {
  return id === state.root.id || state.ous.has(id);
}

export function parentOf(state: OrgState, id: string): string | undefined {
  return state.ous.get(id)?.parentId ?? state.accounts.get(id)?.parentId;
}

/** Ids from the root down to and including `id`. */
export function pathIds(state: OrgState, id: string): string[] {
  const path = [id];
  let current = parentOf(state, id);
  while (current !== undefined) {
    path.unshift(current);
    current = parentOf(state, current);
  }
  return path;
}

/** OU nesting level: 1 for an OU directly under the root. */
export function ouDepth(state: OrgState, ouId: string): number {
  return pathIds(state, ouId).length - 1;
}

/** The `Path` string of an OU or account: `o-.../r-.../ou-.../<id>/` (§d "Path"). */
export function entityPath(state: OrgState, id: string): string {
  return `${state.organizationId}/${pathIds(state, id).join('/')}/`;
}

export function nodeName(state: OrgState, id: string): string {
  if (id === state.root.id) return state.root.name;
  return state.ous.get(id)?.name ?? state.accounts.get(id)?.name ?? id;
}

export function childOus(state: OrgState, parentId: string): string[] {
  return [...state.ous.values()].filter((ou) => ou.parentId === parentId).map((ou) => ou.id);
}

export function childAccounts(state: OrgState, parentId: string): string[] {
  return [...state.accounts.values()].filter((a) => a.parentId === parentId).map((a) => a.id);
}

/** Every root, OU and account id, parents before children. */
export function allNodes(state: OrgState): string[] {
  return [state.root.id, ...state.ous.keys(), ...state.accounts.keys()];
}
