import type { Logger } from 'pino';
import type { EntityRef, MirrorChange, RefreshCause } from '../domain/mirror';
import type { OrganizationsEvent } from '../domain/organizations-event';
import { memberAt, refsForEvent, type EventRefresh } from '../mirror/event-refs';
import { parseOrganizationsEvent } from '../mirror/organizations-event-schema';

/**
 * Turns Organizations events (from EventBridge through POST /events/organizations, or from the
 * embedded emulator in process) into mirror refreshes. A batch is validated as a whole before
 * anything is refreshed, so a refused batch changes nothing; then events are applied in order.
 */
export type IngestOutcome =
  | { readonly ok: true; readonly results: readonly EventResult[] }
  | { readonly ok: false; readonly code: 'FOREIGN_EVENT' | 'MALFORMED_EVENT'; readonly index: number; readonly problems: readonly string[] };

export interface EventResult {
  readonly eventId: string;
  readonly eventName: string;
  /** REFRESHED: the named entities were re-read (and are served); SYNC_STARTED: a full sync runs; IGNORED: nothing to do. */
  readonly action: 'REFRESHED' | 'SYNC_STARTED' | 'IGNORED';
  readonly reason?: string;
  readonly changes?: number;
}

/** Most events a request may carry (EventBridge API destinations send one per request). */
export const MAX_EVENTS_PER_REQUEST = 100;

export type EventIngest = (body: unknown) => Promise<IngestOutcome>;

/** What ingestion needs of the org mirror (src/mirror/org-mirror.ts). */
export interface EventMirror {
  refresh(refs: readonly EntityRef[], cause: RefreshCause): Promise<readonly MirrorChange[]>;
  sync(): Promise<unknown>;
}

/**
 * Finds the orgql createAccount that made a create-account request (`car-…`): its completion event
 * then finishes orgql's own change (a MUTATION refresh, not drift).
 */
export type OwnCreateAccount = (createAccountRequestId: string) => Promise<{ auditEventId: string; upstreamRequestId: string | undefined } | undefined>;

export function createEventIngest(mirror: EventMirror, logger: Logger, ownCreateAccount: OwnCreateAccount = async () => undefined): EventIngest {
  return async (body) => {
    const items = Array.isArray(body) ? body : [body];
    if (items.length === 0 || items.length > MAX_EVENTS_PER_REQUEST) {
      return { ok: false, code: 'MALFORMED_EVENT', index: 0, problems: [`send 1 to ${MAX_EVENTS_PER_REQUEST} events (an event or an array of events)`] };
    }
    const planned: Array<{ event: OrganizationsEvent; refresh: EventRefresh }> = [];
    for (const [index, item] of items.entries()) {
      const parsed = parseOrganizationsEvent(item);
      if (!parsed.ok) return { ok: false, code: parsed.code, index, problems: parsed.problems };
      const refresh = refsForEvent(parsed.event);
      if (refresh.kind === 'INVALID') return { ok: false, code: 'MALFORMED_EVENT', index, problems: refresh.problems };
      planned.push({ event: parsed.event, refresh });
    }
    const results: EventResult[] = [];
    for (const { event, refresh } of planned) results.push(await apply(mirror, logger, event, refresh, ownCreateAccount));
    return { ok: true, results };
  };
}

async function apply(
  mirror: EventMirror,
  logger: Logger,
  event: OrganizationsEvent,
  refresh: EventRefresh,
  ownCreateAccount: OwnCreateAccount,
): Promise<EventResult> {
  const { detail } = event;
  const base = { eventId: event.id, eventName: detail.eventName };
  switch (refresh.kind) {
    case 'REFS': {
      const identity = detail.userIdentity;
      const started = Date.now();
      const carId = detail.eventName === 'CreateAccountResult' ? memberAt(detail.serviceEventDetails, 'createAccountStatus', 'id') : undefined;
      const own = typeof carId === 'string' ? await ownCreateAccount(carId) : undefined;
      const changes = await mirror.refresh(
        refresh.refs,
        own
          ? { kind: 'MUTATION', ...own }
          : {
              kind: 'EVENT',
              eventName: detail.eventName,
              requestId: detail.requestID,
              eventId: detail.eventID,
              eventTime: detail.eventTime,
              requestParameters: detail.requestParameters,
              actor:
                identity.accessKeyId || identity.arn || identity.type
                  ? {
                      ...(identity.accessKeyId ? { accessKeyId: identity.accessKeyId } : {}),
                      ...(identity.arn ? { arn: identity.arn } : {}),
                      ...(identity.type ? { type: identity.type } : {}),
                    }
                  : undefined,
            },
      );
      logger.info(
        { ...base, requestId: detail.requestID, refs: refresh.refs.length, changes: changes.length, ms: Date.now() - started },
        'organizations event applied to the mirror',
      );
      return { ...base, action: 'REFRESHED', changes: changes.length };
    }
    case 'FULL_SYNC':
      // A full sync can take minutes on a large organization: it runs on, the sender gets its answer now.
      mirror.sync().catch((err: unknown) => logger.warn({ err, ...base }, 'full sync after an organizations event failed'));
      logger.info({ ...base, reason: refresh.reason }, 'organizations event: full sync started');
      return { ...base, action: 'SYNC_STARTED', reason: refresh.reason };
    case 'NONE':
      return { ...base, action: 'IGNORED', reason: refresh.reason };
    case 'INVALID':
      throw new Error('invalid events are refused before any is applied');
  }
}
