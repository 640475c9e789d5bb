import type { PolicyType } from '../../domain/policy-type';

/** DataLoader key for "policies of `type` attached directly to `targetId`". */
export function attachmentKey(targetId: string, type: PolicyType): string {
  return `${targetId} ${type}`;
}

export function parseAttachmentKey(key: string): { targetId: string; type: PolicyType } {
  const space = key.indexOf(' ');
  return { targetId: key.slice(0, space), type: key.slice(space + 1) as PolicyType };
}
