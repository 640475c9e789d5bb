import type { EntityRef } from '../domain/mirror';
import { isReadOnlyOrganizationsCall, type CloudTrailRecord, type OrganizationsEvent } from '../domain/organizations-event';
import { isPolicyType } from '../domain/policy-type';

/**
 * What an Organizations event asks the mirror to re-read: the entities the call changed, named from
 * its CloudTrail record (`requestParameters`, `responseElements`, `serviceEventDetails`). The event
 * is never trusted for the new state (CloudTrail may omit or redact members): the mirror re-reads
 * these entities upstream, and follows what the answers imply (a moved account's old and new parent,
 * a deleted OU's attachments, the targets of a detached policy: src/mirror/refresh-plan.ts).
 * Calls listed in shared/docs/org-events.md, "Mutating Organizations calls a mirror must react to".
 */
export type EventRefresh =
  | { readonly kind: 'REFS'; readonly refs: readonly EntityRef[] }
  /** A change the mirror cannot name entity by entity (an unknown or organization-wide call): sync everything. */
  | { readonly kind: 'FULL_SYNC'; readonly reason: string }
  /** Nothing the mirror holds changed: a read, a failed call, or state the mirror does not model. */
  | { readonly kind: 'NONE'; readonly reason: 'READ_ONLY' | 'FAILED_CALL' | 'NOT_MIRRORED' | 'NOT_YET' }
  /** The record lacks a member this call always has: the event is malformed. */
  | { readonly kind: 'INVALID'; readonly problems: readonly string[] };

// The AWS-managed policies AWS attaches to every root, OU and account while their type is enabled
// (Organizations UG, "Enabling a policy type"; the ids are fixed by AWS).
const DEFAULT_POLICY_OF_TYPE: Readonly<Record<string, string>> = {
  SERVICE_CONTROL_POLICY: 'p-FullAWSAccess',
  RESOURCE_CONTROL_POLICY: 'p-RCPFullAWSAccess',
};

/** Calls whose effects the mirror does not hold (delegation, resource policy, trusted access, handshakes). */
const NOT_MIRRORED = new Set([
  'RegisterDelegatedAdministrator',
  'DeregisterDelegatedAdministrator',
  'PutResourcePolicy',
  'DeleteResourcePolicy',
  'EnableAWSServiceAccess',
  'DisableAWSServiceAccess',
  'InviteAccountToOrganization',
  'DeclineHandshake',
  'CancelHandshake',
]);

/** A member at a path, matching names case-insensitively (CloudTrail's casing of nested members varies). */
export function memberAt(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const name of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    const entry = Object.entries(current).find(([key]) => key.toLowerCase() === name.toLowerCase());
    current = entry?.[1];
  }
  return current;
}

const idAt = (value: unknown, ...path: string[]): string | undefined => {
  const found = memberAt(value, ...path);
  return typeof found === 'string' && found.length > 0 ? found : undefined;
};

/** The refs of an Organizations event, or why there are none. */
export function refsForEvent(event: OrganizationsEvent): EventRefresh {
  const record = event.detail;
  if (record.errorCode !== undefined) return { kind: 'NONE', reason: 'FAILED_CALL' };
  if (record.readOnly === true || isReadOnlyOrganizationsCall(record.eventName)) return { kind: 'NONE', reason: 'READ_ONLY' };
  if (NOT_MIRRORED.has(record.eventName)) return { kind: 'NONE', reason: 'NOT_MIRRORED' };
  return refsForCall(record);
}

function refsForCall(record: CloudTrailRecord): EventRefresh {
  const request = record.requestParameters;
  const response = record.responseElements;
  const problems: string[] = [];
  const need = (value: string | undefined, where: string): string => {
    if (value === undefined) problems.push(`${record.eventName} without ${where}`);
    return value ?? '';
  };
  const refs = ((): EntityRef[] | EventRefresh => {
    switch (record.eventName) {
      case 'AttachPolicy':
      case 'DetachPolicy': {
        const policyId = need(idAt(request, 'policyId'), 'requestParameters.policyId');
        const targetId = need(idAt(request, 'targetId'), 'requestParameters.targetId');
        return [
          { kind: 'ATTACHMENTS', targetId },
          { kind: 'TARGETS', policyId },
        ];
      }
      case 'CreatePolicy': {
        const id = need(idAt(response, 'policy', 'policySummary', 'id'), 'responseElements.policy.policySummary.id');
        const type = idAt(request, 'type') ?? idAt(response, 'policy', 'policySummary', 'type');
        const refs: EntityRef[] = [{ kind: 'POLICY', id }];
        if (isPolicyType(type)) refs.push({ kind: 'POLICIES', type });
        // Tags are read even when none were given: the mirror then knows the new policy has none.
        refs.push({ kind: 'TAGS', resourceId: id });
        return refs;
      }
      case 'UpdatePolicy':
      case 'DeletePolicy':
        return [{ kind: 'POLICY', id: need(idAt(request, 'policyId'), 'requestParameters.policyId') }];
      case 'EnablePolicyType':
      case 'DisablePolicyType': {
        const type = need(idAt(request, 'policyType'), 'requestParameters.policyType');
        const refs: EntityRef[] = [{ kind: 'ROOTS' }];
        // Enabling SCPs or RCPs attaches the type's AWS-managed policy everywhere; re-reading where it
        // is attached updates every target. Disabling detaches every policy of the type: the mirror
        // re-reads their targets when it sees the type gone from the root.
        const managed = DEFAULT_POLICY_OF_TYPE[type];
        if (record.eventName === 'EnablePolicyType' && managed) refs.push({ kind: 'TARGETS', policyId: managed });
        if (isPolicyType(type)) refs.push({ kind: 'POLICIES', type });
        return refs;
      }
      case 'CreateOrganizationalUnit': {
        const id = need(idAt(response, 'organizationalUnit', 'id'), 'responseElements.organizationalUnit.id');
        const parentId = need(idAt(request, 'parentId'), 'requestParameters.parentId');
        // A new OU gets the enabled types' AWS-managed policies attached.
        return [
          { kind: 'ORGANIZATIONAL_UNIT', id },
          { kind: 'CHILDREN', parentId },
          { kind: 'ATTACHMENTS', targetId: id },
          { kind: 'TAGS', resourceId: id },
        ];
      }
      case 'UpdateOrganizationalUnit':
      case 'DeleteOrganizationalUnit':
        return [{ kind: 'ORGANIZATIONAL_UNIT', id: need(idAt(request, 'organizationalUnitId'), 'requestParameters.organizationalUnitId') }];
      case 'MoveAccount': {
        const id = need(idAt(request, 'accountId'), 'requestParameters.accountId');
        const source = need(idAt(request, 'sourceParentId'), 'requestParameters.sourceParentId');
        const destination = need(idAt(request, 'destinationParentId'), 'requestParameters.destinationParentId');
        return [
          { kind: 'ACCOUNT', id },
          { kind: 'CHILDREN', parentId: source },
          { kind: 'CHILDREN', parentId: destination },
        ];
      }
      case 'CreateAccount':
      case 'CreateGovCloudAccount':
        // Asynchronous: the account exists only when CreateAccountResult names it.
        return { kind: 'NONE', reason: 'NOT_YET' };
      case 'CreateAccountResult':
        return createAccountResult(record);
      case 'CloseAccount':
      case 'RemoveAccountFromOrganization':
        return [{ kind: 'ACCOUNT', id: need(idAt(request, 'accountId'), 'requestParameters.accountId') }];
      case 'LeaveOrganization':
        // Called by the member account itself: its id is the caller's account.
        return [{ kind: 'ACCOUNT', id: need(idAt(record.userIdentity, 'accountId') ?? record.recipientAccountId, 'userIdentity.accountId') }];
      case 'AcceptHandshake':
        return acceptHandshake(record);
      case 'TagResource':
      case 'UntagResource':
        return [{ kind: 'TAGS', resourceId: need(idAt(request, 'resourceId'), 'requestParameters.resourceId') }];
      case 'EnableAllFeatures':
        return [{ kind: 'ORGANIZATION' }];
      default:
        return { kind: 'FULL_SYNC', reason: `${record.eventName} is not a call the mirror can follow entity by entity` };
    }
  })();
  if (problems.length > 0) return { kind: 'INVALID', problems };
  return Array.isArray(refs) ? { kind: 'REFS', refs } : refs;
}

/** The service event of a finished CreateAccount: a SUCCEEDED status names the new account. */
function createAccountResult(record: CloudTrailRecord): EntityRef[] | EventRefresh {
  const status = memberAt(record.serviceEventDetails, 'createAccountStatus');
  if (status === undefined) return { kind: 'INVALID', problems: ['CreateAccountResult without serviceEventDetails.createAccountStatus'] };
  const accountId = idAt(status, 'accountId');
  if (idAt(status, 'state') !== 'SUCCEEDED' || !accountId) return { kind: 'NONE', reason: 'FAILED_CALL' };
  // A new account is placed under the root with the enabled types' AWS-managed policies attached.
  return [
    { kind: 'ACCOUNT', id: accountId },
    { kind: 'ATTACHMENTS', targetId: accountId },
    { kind: 'TAGS', resourceId: accountId },
  ];
}

/** Accepting an INVITE handshake makes the invited account join; ENABLE_ALL_FEATURES changes the organization. */
function acceptHandshake(record: CloudTrailRecord): EntityRef[] | EventRefresh {
  const handshake = memberAt(record.responseElements, 'handshake');
  const action = idAt(handshake, 'action');
  if (action === 'ENABLE_ALL_FEATURES') return [{ kind: 'ORGANIZATION' }];
  const parties = memberAt(handshake, 'parties');
  const account = Array.isArray(parties) ? parties.find((party) => idAt(party, 'type') === 'ACCOUNT') : undefined;
  const accountId = idAt(account, 'id');
  if (action === 'INVITE' && accountId)
    return [
      { kind: 'ACCOUNT', id: accountId },
      { kind: 'ATTACHMENTS', targetId: accountId },
    ];
  // Without the response the joining account is unknown: read everything again.
  return { kind: 'FULL_SYNC', reason: 'AcceptHandshake without the handshake in responseElements' };
}
