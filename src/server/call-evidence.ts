import type { Logger } from 'pino';
import type { AuditEventRecord } from '../domain/audit-log';
import type { RefreshCause } from '../domain/mirror';
import type { OwnChangeLookup } from '../audit/own-change-lookup';
import type { CallEvidence } from '../audit/reconcile/reconciler';
import { rawArgument, succeeded } from '../audit/reconcile/verdict';

/** The CloudTrail record of a call (an Organizations event from EventBridge, or the emulator's). */
export type CloudTrailCall = Extract<RefreshCause, { kind: 'EVENT' }>;

/** What an event proved about one orgql intent. */
interface Proof {
  readonly eventId: string | undefined;
  readonly eventName: string;
  readonly requestId: string | undefined;
  readonly matchedBy: 'requestID' | 'action and parameters';
}

export interface EventEvidence extends CallEvidence {
  /**
   * Matches an event to an orgql call whose outcome nobody knows (its answer was lost, or the
   * process died before the result): by the request id of its UNKNOWN result, else, when no request
   * id is known, by action and parameters within the window. Returns the intent's id when matched:
   * the change is orgql's own, not out-of-band, and the reconciler settles it SUCCEEDED.
   */
  claim(call: CloudTrailCall): Promise<string | undefined>;
}

const PROOFS_KEPT = 1_000;

/**
 * CloudTrail evidence for the reconciler (issue 11, item 1: "the CloudTrail record of the call,
 * matched by request id, is decisive evidence"). Events report successful calls only (a failed call
 * carries `errorCode` and refreshes nothing), so a matched event proves the call was applied.
 * Proofs are kept in this process, bounded, for the reconciler of the same process; a proof lost in
 * a restart leaves the verdict to the reconciler's state checks, as before.
 */
export function createEventEvidence(lookup: OwnChangeLookup, logger: Logger, windowMs = 300_000): EventEvidence {
  const proofs = new Map<string, Proof>();
  const keep = (intentId: string, proof: Proof) => {
    proofs.set(intentId, proof);
    if (proofs.size > PROOFS_KEPT) proofs.delete(proofs.keys().next().value!);
  };

  return {
    async claim(call) {
      const at = call.eventTime ? new Date(call.eventTime) : new Date();
      const when = Number.isNaN(at.getTime()) ? new Date() : at;
      // The intent is written before the call, so before the event; a minute after allows for clock skew.
      const candidates = await lookup.unsettledIntents(call.eventName, new Date(when.getTime() - windowMs), new Date(when.getTime() + 60_000));
      const base = { eventId: call.eventId, eventName: call.eventName, requestId: call.requestId };
      const byRequestId = call.requestId ? candidates.find((c) => c.upstreamRequestId === call.requestId) : undefined;
      const match =
        byRequestId ??
        candidates.find((c) => c.upstreamRequestId === undefined && !proofs.has(c.intent.id) && parametersMatch(c.intent, call.requestParameters ?? null));
      if (!match) return undefined;
      keep(match.intent.id, { ...base, matchedBy: byRequestId ? 'requestID' : 'action and parameters' });
      logger.info(
        { intentId: match.intent.id, eventId: call.eventId, requestId: call.requestId, eventName: call.eventName },
        'organizations event is the CloudTrail record of an orgql call whose outcome was unknown',
      );
      return match.intent.id;
    },
    async verdictFor(intent, result) {
      const proof = proofs.get(intent.id);
      if (!proof) return undefined;
      const requestId = result?.upstreamRequestId ?? proof.requestId;
      return succeeded(
        `CloudTrail event ${proof.eventId ?? '(no event id)'} (${proof.eventName}, requestID ${requestId ?? 'unknown'}, matched by ${proof.matchedBy}) records the call as made`,
      );
    },
  };
}

/**
 * True when every scalar request parameter of the event that the intent also names has the same
 * value there, and at least one does (CloudTrail's requestParameters are the API's input members,
 * first letter lower-cased; orgql's mutations take the same names, top level or inside `input`).
 */
export function parametersMatch(intent: AuditEventRecord, requestParameters: Readonly<Record<string, unknown>> | null): boolean {
  if (!requestParameters) return false;
  let compared = 0;
  for (const [name, value] of Object.entries(requestParameters)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    const mine = rawArgument(intent, name);
    if (mine === undefined || mine === null) continue;
    if (String(mine) !== String(value)) return false;
    compared += 1;
  }
  return compared > 0;
}
