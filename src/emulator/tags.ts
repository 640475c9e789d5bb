import { constraintViolation, invalidInput } from './aws-error';
import type { OrgState, Tag } from './org-state';

/**
 * Tag rules (§c "Structure and naming"): at most 50 tags per resource (MAX_TAG_LIMIT_EXCEEDED),
 * duplicate keys in one request are InvalidInput DUPLICATE_TAG_KEY, and the reserved `aws:` prefix is
 * InvalidInput INVALID_SYSTEM_TAGS_PARAMETER. Adding an existing key replaces its value.
 */
export const MAX_TAGS_PER_RESOURCE = 50;

export function toTags(value: unknown): Tag[] {
  return Array.isArray(value) ? (value as Tag[]).map((tag) => ({ Key: tag.Key, Value: tag.Value })) : [];
}

/** Returns the resource's tags after adding `added`, or throws; the caller stores the result. */
export function mergedTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  const keys = new Set<string>();
  for (const tag of added) {
    if (keys.has(tag.Key)) throw invalidInput('DUPLICATE_TAG_KEY', `The tag key ${tag.Key} appears more than once.`);
    if (tag.Key.toLowerCase().startsWith('aws:')) {
      throw invalidInput('INVALID_SYSTEM_TAGS_PARAMETER', `Tag keys starting with aws: are reserved for AWS use.`);
    }
    keys.add(tag.Key);
  }
  const result = existing.filter((tag) => !keys.has(tag.Key)).concat(added.map((tag) => ({ ...tag })));
  if (result.length > MAX_TAGS_PER_RESOURCE) {
    throw constraintViolation('MAX_TAG_LIMIT_EXCEEDED', `A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags.`);
  }
  return result;
}

export function setTags(state: OrgState, resourceId: string, tags: Tag[]): void {
  if (tags.length === 0) state.tags.delete(resourceId);
  else state.tags.set(resourceId, tags);
}
