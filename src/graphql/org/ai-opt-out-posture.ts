import { type AiOptOutPostureReport, aiOptOutPosture, type PostureTreeNode } from '../../domain/ai-opt-out';
import { OrgqlError } from '../../domain/errors';
import { nodeIdKind } from '../../domain/node-id';
import type { AiOptOutSetting } from '../../domain/policy';
import type { Loaders } from '../loaders/create-loaders';
import type { RequestMirror } from '../request-mirror';
import { badId } from './org-node';
import type { SubtreeNode } from './subtree';
import { loadSubtreePolicies } from './subtree-policies';

const AI = 'AISERVICES_OPT_OUT_POLICY';
/** A service key as policies write them (the user guide's keys are lower-case letters and digits). */
const SERVICE_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_SERVICES = 100;

export interface PostureQuery {
  readonly under?: string | null | undefined;
  readonly services?: readonly string[] | null | undefined;
  readonly expect?: AiOptOutSetting | null | undefined;
}

/**
 * The posture report from what this request reads: the tree below `under`, the nodes above it and
 * every AI opt-out attachment, all through the request's loaders (one mirror snapshot; no upstream
 * call once the mirror is synced), then one pass of the engine.
 */
export async function loadAiOptOutPosture(
  loaders: Loaders,
  mirror: Pick<RequestMirror, 'stamp' | 'consistency'>,
  query: PostureQuery,
): Promise<AiOptOutPostureReport> {
  const services = query.services ? checkedServices(query.services) : undefined;
  const roots = await loaders.roots();
  const underId = query.under ?? roots[0]?.id;
  if (!underId) throw new OrgqlError('NOT_FOUND', 'The organization has no root.');
  const kind = nodeIdKind(underId);
  if (kind !== 'ROOT' && kind !== 'ORGANIZATIONAL_UNIT' && kind !== 'ACCOUNT') throw badId(underId);

  const { tree, above, policiesOf } = await loadSubtreePolicies(loaders, underId, AI);
  const toPostureNode = (node: SubtreeNode): PostureTreeNode => ({
    id: node.id,
    kind: node.kind,
    name: node.account?.name ?? node.id,
    state: node.account?.state,
    policies: policiesOf(node.id),
    children: node.children.map(toPostureNode),
  });
  const rootId = above[0] ?? underId;
  const root = roots.find((r) => r.id === rootId);
  const stamp = mirror.stamp();
  return aiOptOutPosture({
    tree: toPostureNode(tree),
    ancestors: above.map((id) => ({ id, kind: nodeIdKind(id) === 'ROOT' ? 'ROOT' : 'ORGANIZATIONAL_UNIT', name: id, policies: policiesOf(id) })),
    policyTypeEnabled: root?.policyTypes.some((p) => p.type === AI && p.status === 'ENABLED') ?? false,
    // Read upstream (x-orgql-consistency: upstream, or the mirror off): as fresh as it gets.
    mirrorSynced: mirror.consistency === 'UPSTREAM' || stamp === undefined || stamp.syncedAt !== null,
    services,
    expect: query.expect ?? undefined,
  });
}

function checkedServices(services: readonly string[]): string[] {
  if (services.length === 0 || services.length > MAX_SERVICES)
    throw new OrgqlError('BAD_USER_INPUT', `services must name from 1 to ${MAX_SERVICES} AI services (or be left out for all of them).`, {
      argument: 'services',
    });
  const bad = services.find((s) => !SERVICE_NAME.test(s));
  if (bad !== undefined)
    throw new OrgqlError('BAD_USER_INPUT', `${JSON.stringify(bad.slice(0, 80))} is not an AI service key (letters, digits, - and _).`, {
      argument: 'services',
    });
  return [...services];
}
