import type { Logger } from 'pino';
import { OwnChangeLookup } from '../audit/own-change-lookup';
import type { MirrorChange, RefreshCause } from '../domain/mirror';
import type { OrganizationsEvent } from '../domain/organizations-event';
import type { AuditRecorder } from '../domain/ports';
import type { PrismaClient } from '../generated/prisma/client';
import type { EventEvidence } from './call-evidence';
import { createDriftAudit, findOwnChange } from './drift-audit';
import { createEventIngest, type EventIngest, type EventMirror } from './event-ingest';
import { registerEventsRoute } from './events-route';
import type { HttpApp } from './http-app';

/**
 * Changes made outside orgql (issue 10, item 6), wired in one place: POST /events/organizations
 * refreshes the mirror, and the mirror's drift goes into the audit log as out-of-band changes.
 */
export interface OrganizationsEvents {
  /** Applies events in process (the embedded emulator's feed), exactly as the route would. */
  readonly ingest: EventIngest;
  /** Resolves when every out-of-band change found so far is recorded. */
  idle(): Promise<void>;
}

export interface OrganizationsEventsDeps {
  readonly app: HttpApp;
  readonly mirror: EventMirror & { onDrift(listener: (changes: readonly MirrorChange[], cause: RefreshCause) => Promise<void>): void };
  readonly prisma: PrismaClient;
  readonly recorder: AuditRecorder;
  readonly logger: Logger;
  /** The reconciler's CloudTrail evidence: events that record orgql calls whose answer was lost. */
  readonly evidence?: EventEvidence;
}

export function wireOrganizationsEvents(deps: OrganizationsEventsDeps): OrganizationsEvents {
  const logger = deps.logger.child({ component: 'organizations-events' });
  const ownChanges = new OwnChangeLookup(deps.prisma);
  const drift = createDriftAudit({ recorder: deps.recorder, ownChanges, logger, ...(deps.evidence ? { evidence: deps.evidence } : {}) });
  deps.mirror.onDrift(drift.listener);
  // An account orgql asked for completes later: its CreateAccountResult finishes orgql's change.
  const ingest = createEventIngest(deps.mirror, logger, (carId) => findOwnChange(ownChanges, 'CreateAccount', () => ownChanges.createAccountRequest(carId)));
  registerEventsRoute(deps.app, ingest);
  return { ingest, idle: () => drift.idle() };
}

/**
 * The embedded emulator's events, handed to the gateway in process and in order. Events emitted
 * before the gateway is ready to apply them wait in the queue.
 */
export function inProcessEventFeed(logger: Logger): { send(event: OrganizationsEvent): void; connect(ingest: EventIngest): void; idle(): Promise<void> } {
  const queue: OrganizationsEvent[] = [];
  let ingest: EventIngest | undefined;
  let draining: Promise<void> | undefined;
  const drain = async (apply: EventIngest) => {
    for (let event = queue.shift(); event; event = queue.shift()) {
      const name = event.detail.eventName;
      const outcome = await apply(event).catch((err: unknown) => logger.warn({ err, eventName: name }, 'embedded emulator event not applied'));
      if (outcome && !outcome.ok) logger.warn({ code: outcome.code, problems: outcome.problems }, 'embedded emulator event refused');
    }
  };
  // One drain at a time; one that finished while an event arrived starts the next.
  const kick = () => {
    if (draining || !ingest || queue.length === 0) return;
    draining = drain(ingest).finally(() => {
      draining = undefined;
      kick();
    });
  };
  return {
    send(event) {
      queue.push(event);
      kick();
    },
    connect(next) {
      ingest = next;
      kick();
    },
    idle: async () => {
      while (draining) await draining;
    },
  };
}
