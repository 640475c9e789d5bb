import { attachDefaults } from '../attachments';
import { AwsError, constraintViolation } from '../aws-error';
import { freshId } from '../ids';
import { requireOu, requireParent } from '../lookups';
import type { Operation } from '../operation-context';
import type { OrgState } from '../org-state';
import { pageOutput, paginate } from '../pagination';
import { mergedTags, setTags, toTags } from '../tags';
import { childAccounts, childOus, ouDepth } from '../tree';
import { ouShape } from '../wire-shapes';

/**
 * OU operations (§d). Limits from §c: five levels of OUs below the root (OU_DEPTH_LIMIT_EXCEEDED),
 * 2,000 OUs per organization (OU_NUMBER_LIMIT_EXCEEDED); names are unique among siblings
 * (DuplicateOrganizationalUnitException).
 */
export const MAX_OU_DEPTH = 5;
export const MAX_OUS = 2_000;

function assertUniqueName(state: OrgState, parentId: string, name: string, exceptId?: string): void {
  const clash = [...state.ous.values()].some((ou) => ou.parentId === parentId && ou.name === name && ou.id !== exceptId);
  if (clash) {
    throw new AwsError('DuplicateOrganizationalUnitException', `An OU named ${name} already exists in the parent ${parentId}.`);
  }
}

export const describeOrganizationalUnit: Operation = ({ state }, input) => {
  const ou = requireOu(state, String(input.OrganizationalUnitId));
  return { OrganizationalUnit: ouShape(state, ou.id) };
};

export const listOrganizationalUnitsForParent: Operation = ({ state }, input) => {
  const parentId = String(input.ParentId);
  requireParent(state, parentId);
  const page = paginate(childOus(state, parentId), (id) => id, {
    op: 'ListOrganizationalUnitsForParent',
    fingerprint: parentId,
    nextToken: input.NextToken,
    maxResults: input.MaxResults,
  });
  return pageOutput('OrganizationalUnits', { ...page, items: page.items.map((id) => ouShape(state, id)) });
};

export const createOrganizationalUnit: Operation = ({ state, now, ids }, input) => {
  const parentId = String(input.ParentId);
  const name = String(input.Name);
  requireParent(state, parentId);
  const depth = parentId === state.root.id ? 1 : ouDepth(state, parentId) + 1;
  if (depth > MAX_OU_DEPTH) {
    throw constraintViolation('OU_DEPTH_LIMIT_EXCEEDED', `OUs can be nested at most ${MAX_OU_DEPTH} levels below the root.`);
  }
  if (state.ous.size >= MAX_OUS) {
    throw constraintViolation('OU_NUMBER_LIMIT_EXCEEDED', `An organization can have at most ${MAX_OUS} OUs.`);
  }
  assertUniqueName(state, parentId, name);
  const tags = mergedTags([], toTags(input.Tags));
  const id = freshId(
    () => ids.ouId(state.root.id),
    (candidate) => state.ous.has(candidate),
  );
  state.ous.set(id, { id, name, parentId });
  setTags(state, id, tags);
  attachDefaults(state, id, now());
  return { OrganizationalUnit: ouShape(state, id) };
};

export const updateOrganizationalUnit: Operation = ({ state }, input) => {
  const ou = requireOu(state, String(input.OrganizationalUnitId));
  if (typeof input.Name === 'string') {
    assertUniqueName(state, ou.parentId, input.Name, ou.id);
    ou.name = input.Name;
  }
  return { OrganizationalUnit: ouShape(state, ou.id) };
};

export const deleteOrganizationalUnit: Operation = ({ state }, input) => {
  const ou = requireOu(state, String(input.OrganizationalUnitId));
  if (childOus(state, ou.id).length > 0 || childAccounts(state, ou.id).length > 0) {
    throw new AwsError('OrganizationalUnitNotEmptyException', `The OU ${ou.id} still contains OUs or accounts.`);
  }
  state.ous.delete(ou.id);
  state.attachments.delete(ou.id);
  state.tags.delete(ou.id);
  for (const key of [...state.policyChanges.keys()]) if (key.startsWith(`${ou.id}|`)) state.policyChanges.delete(key);
  return {};
};
