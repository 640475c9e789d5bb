import { OrgqlError, isOrgqlError } from '../domain/errors';
import type { AuditIntent, Mutated } from '../domain/ports';
import type { GraphQLContext } from './context';

export type MutationIntent = Omit<AuditIntent, 'actor' | 'requestId' | 'stateBefore'> & {
  /**
   * Reads the state this change affects (the policy document, the target's attachments, ...).
   * Called before the change and after it succeeds; both go into the audit log.
   */
  readonly readState?: () => Promise<unknown>;
};

export interface AuditedResult<T> {
  readonly value: T;
  readonly auditEventId: string;
}

/**
 * No change without its record: the intent is committed before anything is sent upstream, and if
 * it cannot be written the mutation is refused. The outcome is appended after the call.
 */
export async function runAudited<T>(
  ctx: GraphQLContext,
  intent: MutationIntent,
  change: () => Promise<Mutated<T>>,
): Promise<AuditedResult<T>> {
  let auditEventId: string;
  try {
    auditEventId = await ctx.audit.recordIntent({ ...intent, actor: ctx.actor, requestId: ctx.requestId });
  } catch (error) {
    ctx.logger.error({ err: error, operation: intent.operation }, 'audit intent could not be written; mutation refused');
    throw new OrgqlError('AUDIT_UNAVAILABLE', 'The audit log is unavailable, so no change was made. Try again later.', {}, { cause: error });
  }

  let mutated: Mutated<T>;
  try {
    mutated = await change();
  } catch (error) {
    const code = isOrgqlError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
    const message = error instanceof Error ? error.message : String(error);
    const upstreamRequestId = isOrgqlError(error) ? (error.details.upstreamRequestId as string | undefined) : undefined;
    await recordResultSafely(ctx, auditEventId, { outcome: 'FAILED', errorCode: code, errorMessage: message, upstreamRequestId });
    throw error;
  }
  await recordResultSafely(ctx, auditEventId, { outcome: 'SUCCEEDED', upstreamRequestId: mutated.upstreamRequestId });
  return { value: mutated.value, auditEventId };
}

/**
 * The change has happened (or definitely failed) by now; failing the request would only make the
 * caller retry a change that is done. The intent row stays without a result, which the audit log
 * reports as unresolved.
 */
async function recordResultSafely(ctx: GraphQLContext, intentId: string, result: Parameters<GraphQLContext['audit']['recordResult']>[1]) {
  try {
    await ctx.audit.recordResult(intentId, result);
  } catch (error) {
    ctx.logger.error({ err: error, intentId }, 'audit result could not be written; intent left unresolved');
  }
}
