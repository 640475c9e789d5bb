import type { PolicyAttachment } from '../../domain/policy-attachment';
import type { PolicyType } from '../../domain/policy-type';
import { attachmentKey } from '../loaders/attachment-key';
import type { Loaders } from '../loaders/create-loaders';
import { ancestorIds } from './ancestry';

/**
 * The policies of `type` attached to a node, in attachment order; with `inherited`, those of every
 * ancestor first (root down), since a policy attached to a parent applies to everything below it
 * (user guide, "Understanding management policy inheritance").
 */
export async function nodePolicies(loaders: Loaders, id: string, type: PolicyType, inherited: boolean): Promise<PolicyAttachment[]> {
  const ids = inherited ? [...(await ancestorIds(loaders, id)), id] : [id];
  const lists = await Promise.all(ids.map((targetId) => loaders.attachments.load(attachmentKey(targetId, type))));
  return lists.flatMap((list, i) => list.map((policy) => ({ policy, targetId: ids[i]!, inherited: ids[i] !== id })));
}
