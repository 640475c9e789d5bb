import { AwsError } from '../aws-error';
import type { Operation } from '../operation-context';
import type { OrgState } from '../org-state';
import { pageOutput, paginate } from '../pagination';
import { mergedTags, setTags, toTags } from '../tags';
import { nodeKind } from '../tree';

/**
 * TagResource, UntagResource, ListTagsForResource (§d "Tagging"). Taggable: the root, OUs, accounts
 * and policies. Resource policies (rp-) match the id pattern but the emulator has none, so they are
 * TargetNotFoundException.
 */
function requireTaggable(state: OrgState, resourceId: string): void {
  if (nodeKind(state, resourceId) === undefined && !state.policies.has(resourceId)) {
    throw new AwsError('TargetNotFoundException', `We can't find a resource with the ResourceId ${resourceId}.`);
  }
}

export const tagResource: Operation = ({ state }, input) => {
  const resourceId = String(input.ResourceId);
  requireTaggable(state, resourceId);
  setTags(state, resourceId, mergedTags(state.tags.get(resourceId) ?? [], toTags(input.Tags)));
  return {};
};

export const untagResource: Operation = ({ state }, input) => {
  const resourceId = String(input.ResourceId);
  requireTaggable(state, resourceId);
  const remove = new Set(Array.isArray(input.TagKeys) ? (input.TagKeys as string[]) : []);
  setTags(
    state,
    resourceId,
    (state.tags.get(resourceId) ?? []).filter((tag) => !remove.has(tag.Key)),
  );
  return {};
};

export const listTagsForResource: Operation = ({ state }, input) => {
  const resourceId = String(input.ResourceId);
  requireTaggable(state, resourceId);
  const page = paginate(state.tags.get(resourceId) ?? [], (tag) => tag.Key, {
    op: 'ListTagsForResource',
    fingerprint: resourceId,
    nextToken: input.NextToken,
  });
  return pageOutput('Tags', page);
};
