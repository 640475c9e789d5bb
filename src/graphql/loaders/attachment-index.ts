import type DataLoader from 'dataloader';
import type { PolicySummary } from '../../domain/organization-policy';
import type { OrganizationsReader, ParentRef } from '../../domain/ports';
import type { PolicyType } from '../../domain/policy-type';
import { mapConcurrently } from './map-concurrently';

/** Every target's direct attachments of one type, in attachment order. */
export type AttachmentIndex = ReadonlyMap<string, readonly PolicySummary[]>;

/**
 * Builds the attachments of one policy type for the whole organization with calls proportional to
 * the number of policies, not of nodes: ListTargetsForPolicy per policy of the type. Only a
 * target holding two or more policies of the type needs ListPoliciesForTarget, because the order
 * of policies on one node decides which @@assign wins (user guide, "Inheritance for management
 * policy types", example 6: the policy attached first wins) and ListTargetsForPolicy cannot tell it.
 */
export async function buildAttachmentIndex(
  port: OrganizationsReader,
  policies: readonly PolicySummary[],
  targetsForPolicy: DataLoader<string, ParentRef[]>,
  type: PolicyType,
  concurrency: number,
): Promise<AttachmentIndex> {
  const targetLists = await targetsForPolicy.loadMany(policies.map((p) => p.id));
  const index = new Map<string, PolicySummary[]>();
  targetLists.forEach((targets, i) => {
    if (targets instanceof Error) throw targets;
    for (const target of targets) {
      const list = index.get(target.id) ?? [];
      list.push(policies[i]!);
      index.set(target.id, list);
    }
  });
  const ambiguous = [...index.entries()].filter(([, list]) => list.length > 1).map(([id]) => id);
  const ordered = await mapConcurrently(ambiguous, concurrency, (targetId) => port.listPoliciesForTarget(targetId, type));
  ambiguous.forEach((targetId, i) => {
    const list = ordered[i]!;
    if (list instanceof Error) throw list;
    index.set(targetId, list);
  });
  return index;
}
