import type { PrismaClient } from '../generated/prisma/client';
import type { AuditIntent, AuditObservation, AuditRecorder, AuditResult } from '../domain/ports';
import { appendToChain, type AuditRowDraft } from './append-to-chain';

/** What a result copies from its intent (a stored row has these fields too). */
type IntentFields = Pick<
  AuditRowDraft,
  | 'actorId'
  | 'actorType'
  | 'actorDisplayName'
  | 'actorAuthMethod'
  | 'clientIp'
  | 'userAgent'
  | 'requestId'
  | 'operation'
  | 'upstreamAction'
  | 'targetType'
  | 'targetId'
  | 'policyId'
  | 'policyType'
  | 'arguments'
  | 'stateBefore'
  | 'idempotencyKey'
>;

const OPEN_INTENTS_KEPT = 1_000;

/**
 * The audit log over Prisma. Rows are only ever inserted, each linked into the hash chain: an intent
 * row before the upstream call, a result row after it, linked by `intentId`, and for a result that
 * said UNKNOWN a resolution row when the reconciler settles it. Results and resolutions repeat the
 * intent's who/what/where so that each row reads on its own (as a CloudTrail event does). A change
 * made outside orgql is one OBSERVATION row.
 */
export class PrismaAuditRecorder implements AuditRecorder {
  /**
   * Intents this process wrote and has not resolved yet: the result copies their fields from here
   * instead of reading the row back (one round trip less per mutation). Bounded: an intent that
   * outlives the window (a crash, a lost result) is read from the database as before.
   */
  readonly #openIntents = new Map<string, IntentFields>();

  constructor(private readonly prisma: PrismaClient) {}

  async recordIntent(intent: AuditIntent): Promise<string> {
    const draft: AuditRowDraft = {
      ...whoAndWhat(intent),
      kind: 'INTENT',
      idempotencyKey: intent.idempotencyKey ?? null,
      outcome: 'PENDING',
      upstreamRequestId: null,
    };
    const row = await appendToChain(this.prisma, draft);
    this.#openIntents.set(row.id, draft);
    if (this.#openIntents.size > OPEN_INTENTS_KEPT) this.#openIntents.delete(this.#openIntents.keys().next().value!);
    return row.id;
  }

  /**
   * One row, standing alone (no intent): the change already happened. Flushed like an intent: the
   * mirror has taken the change in, so no later refresh would find it again if this row were lost.
   */
  async recordObservation(observation: AuditObservation): Promise<string> {
    const row = await appendToChain(
      this.prisma,
      {
        ...whoAndWhat(observation),
        kind: 'OBSERVATION',
        stateAfter: observation.stateAfter ?? null,
        idempotencyKey: null,
        outcome: 'SUCCEEDED',
        upstreamRequestId: observation.upstreamRequestId ?? null,
      },
      { durable: true },
    );
    return row.id;
  }

  recordResult(intentId: string, result: AuditResult): Promise<string> {
    return this.appendOutcome('RESULT', intentId, result);
  }

  recordResolution(intentId: string, resolution: AuditResult & { readonly reconciliation: string }): Promise<string> {
    return this.appendOutcome('RESOLUTION', intentId, resolution);
  }

  private async appendOutcome(kind: 'RESULT' | 'RESOLUTION', intentId: string, result: AuditResult): Promise<string> {
    const intent = this.#openIntents.get(intentId) ?? (await this.prisma.auditEvent.findUniqueOrThrow({ where: { id: intentId } }));
    this.#openIntents.delete(intentId);
    const failed = result.outcome !== 'SUCCEEDED';
    const created = result.outcome === 'SUCCEEDED' ? result : undefined;
    const row = await appendToChain(this.prisma, {
      kind,
      intentId,
      actorId: intent.actorId,
      actorType: intent.actorType,
      actorDisplayName: intent.actorDisplayName,
      actorAuthMethod: intent.actorAuthMethod,
      clientIp: intent.clientIp,
      userAgent: intent.userAgent,
      requestId: intent.requestId,
      operation: intent.operation,
      upstreamAction: intent.upstreamAction,
      targetType: intent.targetType,
      targetId: intent.targetId ?? created?.targetId ?? null,
      policyId: intent.policyId ?? created?.policyId ?? null,
      policyType: intent.policyType,
      arguments: intent.arguments,
      stateBefore: intent.stateBefore,
      stateAfter: result.outcome === 'SUCCEEDED' ? result.stateAfter : null,
      idempotencyKey: intent.idempotencyKey,
      outcome: result.outcome,
      errorCode: failed ? result.errorCode : null,
      errorMessage: failed ? result.errorMessage : null,
      upstreamRequestId: result.upstreamRequestId ?? null,
      reconciliation: result.reconciliation ?? null,
    });
    return row.id;
  }
}

/** The who, what and where an intent and an observation share; the rest of the row is the caller's. */
function whoAndWhat(intent: Omit<AuditIntent, 'idempotencyKey'>): Omit<AuditRowDraft, 'kind' | 'idempotencyKey' | 'outcome' | 'upstreamRequestId'> {
  return {
    intentId: null,
    actorId: intent.actor.id,
    actorType: intent.actor.type,
    actorDisplayName: intent.actor.displayName ?? null,
    actorAuthMethod: intent.actor.authMethod ?? null,
    clientIp: intent.clientIp ?? null,
    userAgent: intent.userAgent ?? null,
    requestId: intent.requestId ?? null,
    operation: intent.operation,
    upstreamAction: intent.upstreamAction,
    targetType: intent.targetType ?? null,
    targetId: intent.targetId ?? null,
    policyId: intent.policyId ?? null,
    policyType: intent.policyType ?? null,
    arguments: intent.arguments,
    stateBefore: intent.stateBefore,
    stateAfter: null,
    errorCode: null,
    errorMessage: null,
    reconciliation: null,
  };
}
