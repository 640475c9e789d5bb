import { policyTypeLimits, type PolicyType } from '../policy-type';
import type { Diagnostic, DiagnosticCode } from './diagnostic';
import type { WorkingOrg } from './org-snapshot';
import { validatePolicy } from './validate-policy';

export type PolicyChange =
  | { kind: 'ATTACH'; policyId: string; targetId: string }
  | { kind: 'DETACH'; policyId: string; targetId: string }
  | { kind: 'UPDATE_CONTENT'; policyId: string; content: string }
  | { kind: 'CREATE_AND_ATTACH'; policyId?: string; name: string; content: string; targetIds: string[] }
  | { kind: 'MOVE_ACCOUNT'; accountId: string; destinationParentId: string };

/**
 * Applies changes in order to the working copy, the way Organizations would apply the same API
 * calls: an invalid change (unknown id, duplicate attachment, malformed content…) is reported as an
 * ERROR and skipped, and the following changes still apply. New attachments go last in the target's
 * attachment order, as AttachPolicy does.
 */
export function applyPolicyChanges(type: PolicyType, org: WorkingOrg, changes: readonly PolicyChange[], diagnostics: Diagnostic[]): void {
  changes.forEach((change, index) => {
    const label = `Change ${index + 1} (${change.kind})`;
    const fail = (code: DiagnosticCode, message: string): void => {
      diagnostics.push({ severity: 'ERROR', code, path: `changes[${index}]`, message: `${label}: ${message}` });
    };
    const policyOfType = (id: string): boolean => {
      const p = org.policies.get(id);
      if (!p) fail('POLICY_NOT_FOUND', `policy ${id} does not exist.`);
      else if (p.type !== type) fail('POLICY_TYPE_MISMATCH', `policy ${id} is a ${p.type}, not a ${type}.`);
      return p !== undefined && p.type === type;
    };
    const contentIsValid = (content: string): boolean => {
      const result = validatePolicy(type, content);
      for (const d of result.diagnostics) diagnostics.push({ ...d, message: `${label}: ${d.message}` });
      return result.valid;
    };
    const attach = (policyId: string, targetId: string): void => {
      if (!org.nodes.has(targetId)) return fail('TARGET_NOT_FOUND', `target ${targetId} does not exist.`);
      const list = org.attachments.get(targetId) ?? [];
      if (list.includes(policyId)) return fail('DUPLICATE_ATTACHMENT', `policy ${policyId} is already attached to ${targetId}.`);
      const ofType = list.filter((id) => org.policies.get(id)?.type === type).length;
      const max = policyTypeLimits(type).maxAttachmentsPerNode;
      if (ofType >= max) return fail('ATTACHMENT_LIMIT_EXCEEDED', `${targetId} already has ${ofType} ${type} policies attached, the maximum.`);
      org.attachments.set(targetId, [...list, policyId]);
    };

    switch (change.kind) {
      case 'ATTACH':
        if (policyOfType(change.policyId)) attach(change.policyId, change.targetId);
        return;
      case 'DETACH': {
        if (!policyOfType(change.policyId)) return;
        if (!org.nodes.has(change.targetId)) return fail('TARGET_NOT_FOUND', `target ${change.targetId} does not exist.`);
        const list = org.attachments.get(change.targetId) ?? [];
        if (!list.includes(change.policyId)) return fail('POLICY_NOT_ATTACHED', `policy ${change.policyId} is not attached to ${change.targetId}.`);
        const ofType = list.filter((id) => org.policies.get(id)?.type === type).length;
        if (ofType - 1 < policyTypeLimits(type).minAttachmentsPerNode)
          return fail('ATTACHMENT_LIMIT_EXCEEDED', `${change.targetId} must keep at least one ${type} policy.`);
        org.attachments.set(
          change.targetId,
          list.filter((id) => id !== change.policyId),
        );
        return;
      }
      case 'UPDATE_CONTENT': {
        const p = org.policies.get(change.policyId);
        if (policyOfType(change.policyId) && p && contentIsValid(change.content)) p.content = change.content;
        return;
      }
      case 'CREATE_AND_ATTACH': {
        const id = change.policyId ?? `p-whatif-${index + 1}`;
        if (org.policies.has(id)) return fail('DUPLICATE_POLICY_ID', `a policy with id ${id} already exists.`);
        if (!contentIsValid(change.content)) return;
        org.policies.set(id, { id, name: change.name, type, content: change.content });
        for (const targetId of change.targetIds) attach(id, targetId);
        return;
      }
      case 'MOVE_ACCOUNT': {
        const account = org.nodes.get(change.accountId);
        const destination = org.nodes.get(change.destinationParentId);
        if (!account) return fail('TARGET_NOT_FOUND', `account ${change.accountId} does not exist.`);
        if (account.kind !== 'ACCOUNT') return fail('INVALID_MOVE', `${change.accountId} is not an account.`);
        if (!destination) return fail('TARGET_NOT_FOUND', `destination ${change.destinationParentId} does not exist.`);
        if (destination.kind === 'ACCOUNT') return fail('INVALID_MOVE', `destination ${change.destinationParentId} is an account, not a root or OU.`);
        account.parentId = destination.id;
        return;
      }
    }
  });
}
