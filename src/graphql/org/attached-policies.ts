import type { PolicyType } from '../../domain/policy-type';
import type { AttachedPolicy } from '../../domain/policy';
import { attachmentKey } from '../loaders/attachment-key';
import type { Loaders } from '../loaders/create-loaders';

/**
 * The policies of `type` attached to each target, in attachment order, with their documents: what
 * the engine needs per node. Documents are fetched once per policy per request.
 */
export async function attachedPolicies(loaders: Loaders, targetIds: readonly string[], type: PolicyType): Promise<AttachedPolicy[][]> {
  const lists = await Promise.all(targetIds.map((id) => loaders.attachments.load(attachmentKey(id, type))));
  return Promise.all(
    lists.map((summaries) =>
      Promise.all(
        summaries.map(async (summary) => {
          const policy = await loaders.policy.load(summary.id);
          return { id: policy.id, name: policy.name, content: policy.content };
        }),
      ),
    ),
  );
}
