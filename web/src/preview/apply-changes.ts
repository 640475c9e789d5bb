import { execute } from '../graphql/client';
import type { Acknowledgement } from '../gql/graphql';
import type { ComposedChange } from './change';
import { AttachMutation, DetachMutation, UpdateMutation } from './preview-query';

export interface Applied {
  readonly change: ComposedChange;
  readonly auditEventId: string;
}

/**
 * Sends the changes in order, each with its own idempotency key (a retry after a lost answer is not
 * a second change); stops at the first refusal, which the caller shows with what was applied before it.
 */
export async function applyChanges(
  changes: readonly ComposedChange[],
  credential: string,
  acknowledge: readonly Acknowledgement[],
  applied: Applied[],
): Promise<void> {
  for (const change of changes) {
    const idempotencyKey = `console-${crypto.randomUUID()}`;
    const ack = acknowledge.length > 0 ? [...acknowledge] : undefined;
    let auditEventId: string;
    if (change.kind === 'UPDATE_CONTENT') {
      const input = { id: change.policyId, content: change.content, expectedContentHash: change.expectedContentHash, idempotencyKey, acknowledge: ack };
      auditEventId = (await execute(UpdateMutation, { input }, credential)).updatePolicy.auditEventId;
    } else {
      const variables = { policyId: change.policyId, targetId: change.targetId, idempotencyKey, acknowledge: ack };
      auditEventId =
        change.kind === 'ATTACH'
          ? (await execute(AttachMutation, variables, credential)).attachPolicy.auditEventId
          : (await execute(DetachMutation, variables, credential)).detachPolicy.auditEventId;
    }
    applied.push({ change, auditEventId });
  }
}
