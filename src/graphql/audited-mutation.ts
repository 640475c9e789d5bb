import { OrgqlError, isOrgqlError } from '../domain/errors';
import { failureOutcome } from '../domain/failure-outcome';
import type { EntityRef } from '../domain/mirror';
import type { PolicyType } from '../domain/policy-type';
import type { AuditIntent, AuditResult, Mutated, OrganizationsWriter } from '../domain/ports';
import { claimIdempotencyKey } from './audited-idempotency';
import { compactArguments } from './compact-arguments';
import type { GraphQLContext } from './context';
import { markIdempotentReplay } from './idempotent-replay-plugin';
import { trackedWriter } from './tracked-writer';

export type MutationIntent<T = unknown> = Omit<AuditIntent, 'actor' | 'requestId' | 'clientIp' | 'userAgent' | 'stateBefore' | 'policyType'> & {
  /** The policy type the change concerns: known from the arguments, or looked up (as evidence: a failed lookup records none). */
  readonly policyType?: PolicyType | (() => Promise<PolicyType | undefined>) | undefined;
  /**
   * Reads the state this change affects, called before the change (without a value) and after it
   * succeeds (with the change's value, e.g. to find a created policy). Both go into the audit log
   * and feed the reports and the reconciler's verdicts (the state before is what tells "my change"
   * from "it was already so"): for policies return `{ policy: { id, name, description, type,
   * content } }` (content as the JSON document) and for targets `{ attachments: [...],
   * effectivePolicies: {...} }`.
   */
  readonly readState?: (value?: T) => Promise<unknown>;
  /** Ids known only after the change (e.g. a created policy's id), recorded on the result row. */
  readonly resultIds?: (value: T) => { readonly policyId?: string; readonly targetId?: string };
  /** What the change touched upstream: the mirror re-reads exactly these before the payload is resolved (read-your-write). */
  readonly touches: (value: T) => readonly EntityRef[] | Promise<readonly EntityRef[]>;
};

/**
 * The capability to change Organizations. Its writer is an ES private field that only runAudited
 * (this module) can read, so a resolver holding the context cannot call a change outside an
 * audited one: the compiler refuses `ctx.upstream.writer`, and there is no other way in.
 */
let writerOf: (access: UpstreamWriteAccess) => OrganizationsWriter;

export class UpstreamWriteAccess {
  readonly #writer: OrganizationsWriter;
  constructor(writer: OrganizationsWriter) {
    this.#writer = writer;
  }
  static {
    writerOf = (access) => access.#writer;
  }
}

export interface AuditedResult<T> {
  readonly value: T;
  readonly auditEventId: string;
  /** Answered from the idempotency key's first call: nothing was changed now. */
  readonly replayed?: boolean;
}

/**
 * No change without its record: the intent is committed before anything is sent upstream, and if
 * it cannot be written the mutation is refused. The outcome is appended after the call, and says
 * only what orgql knows: SUCCEEDED with the answer, FAILED when AWS (or orgql, before sending)
 * refused, UNKNOWN when the request may have reached AWS but its answer was lost; the reconciler
 * settles UNKNOWN later. With an idempotency key, a retry with the same arguments returns the first
 * result and changes nothing; a key whose outcome is UNKNOWN stays taken until it is settled.
 */
export async function runAudited<T>(
  ctx: GraphQLContext,
  intent: MutationIntent<T>,
  change: (writer: OrganizationsWriter) => Promise<Mutated<T>>,
): Promise<AuditedResult<T>> {
  let idempotency;
  try {
    idempotency = await claimIdempotencyKey<T>(ctx, intent);
  } catch (error) {
    // An unusable or conflicting key still leaves a mutation attempt: it is recorded (without the
    // key, which belongs to the other call) and refused. Only an unreachable store is not recorded.
    if (isOrgqlError(error) && (error.code === 'BAD_USER_INPUT' || error.code === 'CONFLICT')) {
      return runAudited<T>(
        ctx,
        { ...intent, arguments: compactArguments(intent.arguments), idempotencyKey: undefined, readState: undefined, policyType: undefined },
        async () => {
          throw error;
        },
      );
    }
    throw error;
  }
  ctx.mirror.readUpstreamUntilReady();
  if (idempotency.kind === 'replay') {
    markIdempotentReplay(ctx);
    return idempotency.result;
  }

  // Evidence read before the intent, so that the intent carries the state before; a failed read
  // never stops the change or its record (it is recorded as unavailable).
  const [policyType, stateBefore] = await Promise.all([policyTypeSafely(ctx, intent), readStateSafely(ctx, intent)]);
  let auditEventId: string;
  try {
    const { readState: _read, resultIds: _ids, policyType: _type, touches: _touches, ...recorded } = intent;
    auditEventId = await ctx.audit.recordIntent({
      ...recorded,
      policyType,
      stateBefore,
      actor: ctx.actor,
      requestId: ctx.requestId,
      clientIp: ctx.client.ip,
      userAgent: ctx.client.userAgent,
    });
  } catch (error) {
    await idempotency.release();
    ctx.logger.error({ err: error, operation: intent.operation }, 'audit intent could not be written; mutation refused');
    throw new OrgqlError('AUDIT_UNAVAILABLE', 'The audit log is unavailable, so no change was made. Try again later.', {}, { cause: error });
  }
  ctx.logger.debug({ auditEventId, operation: intent.operation }, 'audit intent recorded; calling upstream');

  const tracked = trackedWriter(writerOf(ctx.upstream));
  let mutated: Mutated<T>;
  try {
    mutated = await change(tracked.writer);
  } catch (error) {
    const outcome = failureOutcome(error, tracked.sent());
    const code = isOrgqlError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
    const message = error instanceof Error ? error.message : String(error);
    const upstreamRequestId = isOrgqlError(error) ? (error.details.upstreamRequestId as string | undefined) : undefined;
    await recordResultSafely(ctx, auditEventId, { outcome, errorCode: code, errorMessage: message, upstreamRequestId });
    if (outcome === 'FAILED') {
      await idempotency.release();
      throw error;
    }
    // UNKNOWN: the key stays taken (a retry gets IDEMPOTENCY_KEY_IN_USE) until the reconciler
    // settles what happened; the caller learns that the outcome is open and where it is recorded.
    ctx.logger.warn({ err: error, auditEventId, operation: intent.operation }, 'upstream outcome unknown; left to the reconciler');
    await refreshMirrorRefs(ctx, intent, () => refsNamedBy(intent), auditEventId, upstreamRequestId);
    throw isOrgqlError(error) ? new OrgqlError(error.code, error.message, { ...error.details, outcome: 'UNKNOWN', auditEventId }, { cause: error }) : error;
  }
  await refreshMirror(ctx, intent, mutated, auditEventId);
  const stateAfter = await readStateSafely(ctx, intent, mutated.value);
  await recordResultSafely(ctx, auditEventId, {
    outcome: 'SUCCEEDED',
    upstreamRequestId: mutated.upstreamRequestId,
    stateAfter,
    ...intent.resultIds?.(mutated.value),
  });
  await idempotency.complete(auditEventId, mutated.value);
  return { value: mutated.value, auditEventId };
}

async function policyTypeSafely<T>(ctx: GraphQLContext, intent: MutationIntent<T>): Promise<PolicyType | undefined> {
  if (typeof intent.policyType !== 'function') return intent.policyType;
  try {
    return await intent.policyType();
  } catch (error) {
    ctx.logger.warn({ err: error, operation: intent.operation }, 'policy type for the audit log could not be read');
    return undefined;
  }
}

/**
 * The change is done: the mirror re-reads what it touched, so the state after and the payload read
 * the caller's own write. A failed refresh is logged and never turns a change that happened into an
 * error; the next event or periodic refresh repairs the mirror.
 */
async function refreshMirror<T>(ctx: GraphQLContext, intent: MutationIntent<T>, mutated: Mutated<T>, auditEventId: string): Promise<void> {
  await refreshMirrorRefs(ctx, intent, () => intent.touches(mutated.value), auditEventId, mutated.upstreamRequestId);
}

/**
 * A change whose outcome is unknown may have happened: the mirror re-reads everything its intent
 * names, so the next request's state before (the reconciler's evidence) is upstream's, not a guess.
 */
function refsNamedBy<T>(intent: MutationIntent<T>): EntityRef[] {
  const { targetId, targetType, policyId, policyType } = intent;
  const refs: EntityRef[] = [];
  if (targetType === 'ROOT') refs.push({ kind: 'ROOTS' });
  if (targetId && targetType === 'ORGANIZATIONAL_UNIT') refs.push({ kind: 'ORGANIZATIONAL_UNIT', id: targetId }, { kind: 'CHILDREN', parentId: targetId });
  if (targetId && targetType === 'ACCOUNT') refs.push({ kind: 'ACCOUNT', id: targetId });
  if (targetId && targetType && targetType !== 'POLICY') refs.push({ kind: 'ATTACHMENTS', targetId }, { kind: 'TAGS', resourceId: targetId });
  const policy = policyId ?? (targetType === 'POLICY' ? targetId : undefined);
  if (policy) refs.push({ kind: 'POLICY', id: policy }, { kind: 'TARGETS', policyId: policy }, { kind: 'TAGS', resourceId: policy });
  if (typeof policyType === 'string') refs.push({ kind: 'POLICIES', type: policyType });
  return refs;
}

async function refreshMirrorRefs<T>(
  ctx: GraphQLContext,
  intent: MutationIntent<T>,
  touched: () => readonly EntityRef[] | Promise<readonly EntityRef[]>,
  auditEventId: string,
  upstreamRequestId: string | undefined,
): Promise<void> {
  try {
    const refs = await touched();
    if (refs.length === 0) return;
    await ctx.mirror.refresh(refs, { kind: 'MUTATION', auditEventId, upstreamRequestId });
  } catch (error) {
    ctx.logger.warn(
      { err: error, operation: intent.operation, auditEventId },
      'the mirror could not re-read what a change touched; the next refresh repairs it',
    );
  }
}

/** State is evidence, not a precondition: when it cannot be read the change still goes ahead, recorded without it. */
async function readStateSafely<T>(ctx: GraphQLContext, intent: MutationIntent<T>, ...value: [] | [T]): Promise<unknown> {
  if (!intent.readState) return undefined;
  try {
    return await intent.readState(...value);
  } catch (error) {
    ctx.logger.warn({ err: error, operation: intent.operation }, 'state for the audit log could not be read');
    return { unavailable: isOrgqlError(error) ? error.code : 'INTERNAL_SERVER_ERROR' };
  }
}

/**
 * The change has happened (or definitely failed) by now; failing the request would only make the
 * caller retry a change that is done. The intent row stays without a result, and the reconciler
 * resolves it against the upstream state.
 */
async function recordResultSafely(ctx: GraphQLContext, intentId: string, result: AuditResult) {
  try {
    await ctx.audit.recordResult(intentId, result);
  } catch (error) {
    ctx.logger.error({ err: error, intentId }, 'audit result could not be written; intent left for the reconciler');
  }
}
