import { AwsError } from '../aws-error';
import { requireParent } from '../lookups';
import type { Operation } from '../operation-context';
import { pageOutput, paginate } from '../pagination';
import { childAccounts, childOus, parentOf } from '../tree';

/** ListChildren and ListParents (§d). A child always has exactly one parent. */
export const listChildren: Operation = ({ state }, input) => {
  const parentId = String(input.ParentId);
  const childType = String(input.ChildType);
  requireParent(state, parentId);
  const ids = childType === 'ACCOUNT' ? childAccounts(state, parentId) : childOus(state, parentId);
  const page = paginate(ids, (id) => id, {
    op: 'ListChildren',
    fingerprint: `${parentId}|${childType}`,
    nextToken: input.NextToken,
    maxResults: input.MaxResults,
  });
  return pageOutput('Children', { ...page, items: page.items.map((id) => ({ Id: id, Type: childType })) });
};

export const listParents: Operation = ({ state }, input) => {
  const childId = String(input.ChildId);
  const parentId = parentOf(state, childId);
  if (parentId === undefined) throw new AwsError('ChildNotFoundException', `We can't find an OU or account with the ChildId ${childId}.`);
  const parents = [{ Id: parentId, Type: parentId === state.root.id ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }];
  const page = paginate(parents, (parent) => parent.Id, {
    op: 'ListParents',
    fingerprint: childId,
    nextToken: input.NextToken,
    maxResults: input.MaxResults,
  });
  return pageOutput('Parents', page);
};
