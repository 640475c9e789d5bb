import { isOrgqlError } from '../../domain/errors';
import type { OrgSnapshot } from '../../domain/policy';
import type { PolicyType } from '../../domain/policy-type';
import type { Loaders } from '../loaders/create-loaders';
import { attachedPolicies } from './attached-policies';
import { loadSubtree, type SubtreeNode } from './subtree';

/**
 * The organization as the what-if engine needs it for one policy type: every node with its parent,
 * every attached policy of the type with its document, and each node's attachments in order. The
 * policies the changes name are added (unattached ones, and those of another type, so the engine can
 * say "wrong type" rather than "not found").
 */
export async function loadOrgSnapshot(loaders: Loaders, type: PolicyType, referencedPolicyIds: readonly string[]): Promise<OrgSnapshot> {
  const roots = await loaders.roots();
  const trees = await Promise.all(roots.map((root) => loadSubtree(loaders, root.id)));
  const nodes: OrgSnapshot['nodes'] = [];
  const visit = (node: SubtreeNode, parentId: string | null): void => {
    nodes.push({ id: node.id, kind: node.kind, name: node.account?.name ?? node.id, parentId });
    for (const child of node.children) visit(child, node.id);
  };
  trees.forEach((tree) => visit(tree, null));

  const attached = await attachedPolicies(
    loaders,
    nodes.map((n) => n.id),
    type,
  );
  const policies = new Map<string, OrgSnapshot['policies'][number]>();
  for (const list of attached) for (const p of list) policies.set(p.id, { ...p, type });
  const others = [...new Set(referencedPolicyIds)].filter((id) => !policies.has(id));
  const loaded = await Promise.all(
    others.map((id) =>
      loaders.policy.load(id).catch((error: unknown) => {
        // A policy that does not exist is the engine's POLICY_NOT_FOUND diagnostic, not a failure.
        if (isOrgqlError(error) && (error.code === 'NOT_FOUND' || error.code === 'BAD_USER_INPUT')) return undefined;
        throw error;
      }),
    ),
  );
  for (const p of loaded) if (p) policies.set(p.id, { id: p.id, name: p.name, type: p.type, content: p.content });

  return {
    nodes,
    policies: [...policies.values()],
    attachments: nodes.map((n, i) => ({ targetId: n.id, policyIds: attached[i]!.map((p) => p.id) })),
  };
}
