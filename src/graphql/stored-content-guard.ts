import { OrgqlError } from '../domain/errors';
import {
  previewPolicyChanges,
  STORED_CONTENT_POLICY_TYPE,
  storedContentDeletions,
  type Acknowledgement,
  type PolicyChange,
  type StoredContentDeletionImpact,
} from '../domain/policy';
import type { PolicyType } from '../domain/policy-type';
import type { GraphQLContext } from './context';
import { loadOrgSnapshot } from './org/load-org-snapshot';
import { loadPathSnapshot } from './org/load-path-snapshot';

type Acknowledged = readonly Acknowledgement[] | null | undefined;

/**
 * No deletion by surprise (issue 12). When an account opts out of an AI service, the service deletes
 * the content it stored for the account, in all Regions, and that cannot be undone (user guide, "AI
 * services opt-out policies": https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_ai-opt-out.html).
 * AWS asks for no confirmation; orgql does: a change that would take any account from opted in
 * (by a policy, or by AWS's default) to optOut is refused with ACKNOWLEDGEMENT_REQUIRED unless the
 * caller passed `acknowledge: [STORED_CONTENT_DELETION]`.
 *
 * Called inside runAudited's change, before the writer: a refusal is recorded as a FAILED attempt
 * and nothing is sent upstream. The verdict is the engine's what-if (previewPolicyChange's) over the
 * org mirror's snapshot, so it is only as fresh as the mirror: a change made outside orgql that the
 * mirror has not heard of yet is not seen. Other policy types, a type the root does not enable (AWS
 * refuses the change itself), and a policy the mirror does not know cost nothing and pass.
 * deletePolicy is never checked: AWS refuses to delete an attached policy (PolicyInUseException), so
 * a deletion changes no account's effective policy.
 */
export async function requireStoredContentAcknowledgement(
  ctx: GraphQLContext,
  acknowledge: Acknowledged,
  type: PolicyType | undefined,
  changes: readonly PolicyChange[],
): Promise<void> {
  if (type !== STORED_CONTENT_POLICY_TYPE || acknowledge?.includes('STORED_CONTENT_DELETION')) return;
  const roots = await ctx.loaders.roots();
  if (!roots.some((root) => root.policyTypes.some((t) => t.type === type))) return;
  const snapshot = await snapshotFor(ctx, type, changes);
  const affected = storedContentDeletions(previewPolicyChanges(type, snapshot, [...changes]).impacts);
  if (affected.length > 0) throw acknowledgementRequired(affected);
}

/**
 * The engine's input, from the mirror: a move affects one account, so only its path and the
 * destination's are read; a policy change may affect any subtree, so the whole organization is.
 */
async function snapshotFor(ctx: GraphQLContext, type: PolicyType, changes: readonly PolicyChange[]) {
  const moves = changes.flatMap((c) => (c.kind === 'MOVE_ACCOUNT' ? [c.accountId, c.destinationParentId] : []));
  if (moves.length === changes.length * 2) return loadPathSnapshot(ctx.loaders, type, moves);
  const referenced = changes.flatMap((c) => (c.kind === 'MOVE_ACCOUNT' || c.policyId === undefined ? [] : [c.policyId]));
  return loadOrgSnapshot(ctx.loaders, type, referenced);
}

/** The acknowledgement as the audit event's arguments record it (nothing when none was given). */
export function acknowledgementArgument(acknowledge: Acknowledged): { acknowledge?: Acknowledgement[] } {
  return acknowledge && acknowledge.length > 0 ? { acknowledge: [...new Set(acknowledge)] } : {};
}

function acknowledgementRequired(affected: StoredContentDeletionImpact[]): OrgqlError {
  const services = [...new Set(affected.flatMap((a) => a.services))];
  return new OrgqlError(
    'ACKNOWLEDGEMENT_REQUIRED',
    `This change would opt ${affected.length} account(s) out of AI services they are opted in to (${services.join(', ')}). ` +
      'Those services then delete the content they stored for the accounts, in all Regions, and it cannot be restored. ' +
      'Nothing was changed; to go ahead, pass acknowledge: [STORED_CONTENT_DELETION].',
    { acknowledgement: 'STORED_CONTENT_DELETION', allRegions: true, affected },
  );
}
