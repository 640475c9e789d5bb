import type { Logger } from 'pino';
import { OUT_OF_BAND_OPERATION } from '../domain/audit-log';
import type { EntityRef, MirrorChange, RefreshCause } from '../domain/mirror';
import type { Actor, AuditObservation, AuditRecorder } from '../domain/ports';
import { isPolicyType } from '../domain/policy-type';

/**
 * The mirror's drift listener: every set of differences an event, a periodic refresh or a sync found
 * becomes ONE out-of-band audit event (an OBSERVATION row, through the recorder, the audit log's only
 * way in), unless the event echoes orgql's own mutation (same upstream request id).
 * Work is queued and done in order off the refresh path: a listener that waited for an in-flight
 * mutation's result inside the refresh could wait for that very mutation's own refresh.
 */
export interface OwnChanges {
  isOwnRequest(upstreamRequestId: string): Promise<boolean>;
  unfinishedIntents(upstreamAction: string, since: Date): Promise<number>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Looks for orgql's own record of a change (`probe`); while an orgql mutation of `action` is still
 * unfinished, its record may be written any moment, so it waits for it (up to `waitMs`). Mutations
 * started more than `windowMs` ago are not waited for (the reconciler settles them).
 */
export async function findOwnChange<T>(
  ownChanges: OwnChanges,
  action: string,
  probe: () => Promise<T | undefined>,
  waitMs = 15_000,
  windowMs = 120_000,
): Promise<T | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    // Unfinished first: a result written between the two reads is then seen by the probe.
    const unfinished = await ownChanges.unfinishedIntents(action, new Date(Date.now() - windowMs));
    const found = await probe();
    if (found !== undefined || unfinished === 0 || Date.now() >= deadline) return found;
    await sleep(50);
  }
}

export interface DriftAuditOptions {
  readonly recorder: AuditRecorder;
  readonly ownChanges: OwnChanges;
  readonly logger: Logger;
  /** How long to wait for orgql mutations of the same action still in flight (their request id is not known yet). */
  readonly inFlightWaitMs?: number;
  /** Intents older than this are not waited for (the reconciler settles them). */
  readonly inFlightWindowMs?: number;
  /** Matches an event to an orgql call whose outcome was unknown: then it is that call's CloudTrail record, not drift. */
  readonly evidence?: { claim(call: Extract<RefreshCause, { kind: 'EVENT' }>): Promise<string | undefined> };
}

export interface DriftAudit {
  readonly listener: (changes: readonly MirrorChange[], cause: RefreshCause) => Promise<void>;
  /** Resolves when everything queued so far is recorded. */
  idle(): Promise<void>;
}

export function createDriftAudit(options: DriftAuditOptions): DriftAudit {
  const { recorder, ownChanges, logger } = options;
  let tail: Promise<void> = Promise.resolve();

  const isOwn = async (requestId: string, action: string): Promise<boolean> =>
    (await findOwnChange(
      ownChanges,
      action,
      async () => ((await ownChanges.isOwnRequest(requestId)) ? true : undefined),
      options.inFlightWaitMs,
      options.inFlightWindowMs,
    )) === true;

  async function record(changes: readonly MirrorChange[], cause: RefreshCause): Promise<void> {
    if (cause.kind === 'MUTATION') return;
    // An event that found no difference may still be the record of an orgql call whose answer was
    // lost (orgql's own refresh took the change in first): it is evidence, looked for either way.
    if (cause.kind === 'EVENT' && options.evidence && (changes.length > 0 || cause.requestId)) {
      const own = cause.requestId ? await isOwn(cause.requestId, cause.eventName) : false;
      const intentId = await options.evidence.claim(cause);
      if (own || intentId) {
        logger.debug({ requestId: cause.requestId, eventName: cause.eventName, intentId }, 'event records an orgql mutation: not drift');
        return;
      }
    }
    if (changes.length === 0) return;
    if (cause.kind === 'EVENT' && cause.requestId && !options.evidence && (await isOwn(cause.requestId, cause.eventName))) {
      logger.debug({ requestId: cause.requestId, eventName: cause.eventName }, 'event echoes an orgql mutation: not drift');
      return;
    }
    const auditEventId = await recorder.recordObservation(outOfBandObservation(changes, cause));
    logger.info({ auditEventId, cause: cause.kind, changes: changes.length }, 'change made outside orgql recorded in the audit log');
  }

  return {
    listener: async (changes, cause) => {
      tail = tail
        .then(() => record(changes, cause))
        .catch((err: unknown) => logger.error({ err, cause: cause.kind }, 'out-of-band change not recorded in the audit log'));
    },
    idle: async () => {
      let seen;
      do {
        seen = tail;
        await seen;
      } while (seen !== tail);
    },
  };
}

/** The kinds of difference a refresh saw, e.g. `CHILDREN,ORGANIZATIONAL_UNIT`. */
export function differenceKinds(changes: readonly MirrorChange[]): string {
  return [...new Set(changes.map((c) => c.ref.kind))].sort().join(',');
}

/** How an observation names the refresh that found it, e.g. `PeriodicRefresh:CHILDREN`. */
const REFRESH_LABEL: Record<Exclude<RefreshCause['kind'], 'EVENT'>, string> = {
  MUTATION: 'Mutation',
  PERIODIC: 'PeriodicRefresh',
  SYNC: 'Sync',
  PRECONDITION: 'Precondition',
};

function actorOf(cause: RefreshCause): Actor {
  const who = cause.kind === 'EVENT' ? cause.actor : undefined;
  const id = who?.accessKeyId ?? who?.arn;
  if (!id) return { id: 'unknown', type: 'AWS', displayName: 'unknown (changed outside orgql)' };
  return { id, type: 'AWS', displayName: who?.arn ?? id, authMethod: who?.type };
}

export function outOfBandObservation(changes: readonly MirrorChange[], cause: RefreshCause): AuditObservation {
  const upstreamAction = cause.kind === 'EVENT' ? cause.eventName : `${REFRESH_LABEL[cause.kind]}:${differenceKinds(changes)}`;
  const target = mainTarget(changes);
  const policy = changes.find((c) => c.ref.kind === 'POLICY');
  const policyType = typeOf(policy?.after) ?? typeOf(policy?.before);
  return {
    actor: actorOf(cause),
    requestId: undefined,
    operation: OUT_OF_BAND_OPERATION,
    upstreamAction,
    targetType: target?.type,
    targetId: target?.id,
    policyId: policy && policy.ref.kind === 'POLICY' ? policy.ref.id : undefined,
    policyType: isPolicyType(policyType) ? policyType : undefined,
    arguments: {
      foundBy: cause.kind,
      ...(cause.kind === 'EVENT' ? { eventName: cause.eventName, eventId: cause.eventId, requestId: cause.requestId } : {}),
      ...(cause.kind === 'PRECONDITION' ? { checkedBy: cause.operation } : {}),
      changed: changes.map((c) => c.ref),
    },
    stateBefore: changes.map((c) => ({ ref: c.ref, state: c.before })),
    stateAfter: changes.map((c) => ({ ref: c.ref, state: c.after })),
    upstreamRequestId: cause.kind === 'EVENT' ? cause.requestId : undefined,
  };
}

const typeOf = (state: unknown): unknown => (state && typeof state === 'object' ? (state as { type?: unknown }).type : undefined);

type TargetType = NonNullable<AuditObservation['targetType']>;

function nodeType(id: string): TargetType {
  if (id.startsWith('r-')) return 'ROOT';
  if (id.startsWith('ou-')) return 'ORGANIZATIONAL_UNIT';
  if (id.startsWith('p-')) return 'POLICY';
  return 'ACCOUNT';
}

/** The entity a change set is about: the first OU, account or policy that changed, else the first node named. */
function mainTarget(changes: readonly MirrorChange[]): { type: TargetType; id: string } | undefined {
  const idOf = (ref: EntityRef): string | undefined => {
    switch (ref.kind) {
      case 'ACCOUNT':
      case 'ORGANIZATIONAL_UNIT':
      case 'POLICY':
        return ref.id;
      case 'ATTACHMENTS':
        return ref.targetId;
      case 'TAGS':
        return ref.resourceId;
      case 'CHILDREN':
        return ref.parentId;
      case 'TARGETS':
        return ref.policyId;
      default:
        return undefined;
    }
  };
  const order: readonly EntityRef['kind'][] = ['ORGANIZATIONAL_UNIT', 'ACCOUNT', 'POLICY', 'ATTACHMENTS', 'TAGS', 'TARGETS', 'CHILDREN'];
  for (const kind of order) {
    const change = changes.find((c) => c.ref.kind === kind);
    const id = change && idOf(change.ref);
    if (id) return { type: nodeType(id), id };
  }
  return undefined;
}
