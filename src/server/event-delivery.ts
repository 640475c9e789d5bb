import type { Logger } from 'pino';
import type { OrganizationsEvent } from '../domain/organizations-event';

/**
 * Posts the emulator's EventBridge events to a URL (e.g. orgql's /events/organizations), one event
 * per request as an EventBridge API destination does, strictly in the order they were emitted.
 * Delivery never affects the API call that produced the event: failures are retried a few times,
 * then logged and dropped (EventBridge is best effort too; the mirror's periodic refresh repairs).
 */
export interface EventDeliveryOptions {
  readonly url: string;
  /** Extra headers, e.g. `authorization: Bearer <events key>`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly logger: Logger;
  readonly timeoutMs?: number;
  readonly attempts?: number;
  /** Events waiting beyond this are dropped (oldest first) so a dead receiver cannot exhaust memory. */
  readonly maxQueued?: number;
}

export interface EventDelivery {
  /** Queues an event; returns at once. */
  send(event: OrganizationsEvent): void;
  /** Resolves when every event queued so far was delivered or given up. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createEventDelivery(options: EventDeliveryOptions): EventDelivery {
  const { url, headers, logger } = options;
  const timeoutMs = options.timeoutMs ?? 5000;
  const attempts = options.attempts ?? 3;
  const maxQueued = options.maxQueued ?? 10_000;
  const queue: OrganizationsEvent[] = [];
  let draining: Promise<void> | undefined;
  let closed = false;

  async function post(event: OrganizationsEvent): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(event),
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.body?.cancel();
        // 4xx other than 429 will not get better by retrying (bad key, refused event).
        if (response.ok || (response.status < 500 && response.status !== 429)) {
          if (!response.ok) logger.warn({ status: response.status, eventName: event.detail.eventName, eventId: event.id }, 'event refused by the receiver');
          return;
        }
        throw new Error(`HTTP ${response.status}`);
      } catch (error) {
        if (attempt >= attempts || closed) {
          logger.warn({ err: error, eventName: event.detail.eventName, eventId: event.id, attempts: attempt }, 'event not delivered; giving up');
          return;
        }
        await sleep(100 * 2 ** attempt);
      }
    }
  }

  async function drain(): Promise<void> {
    for (let event = queue.shift(); event; event = queue.shift()) await post(event);
  }
  // One drain at a time; one that finished while an event arrived starts the next.
  function kick(): void {
    if (draining || queue.length === 0) return;
    draining = drain().finally(() => {
      draining = undefined;
      kick();
    });
  }

  return {
    send(event) {
      if (closed) return;
      if (queue.length >= maxQueued) {
        const dropped = queue.shift();
        logger.warn({ eventName: dropped?.detail.eventName, eventId: dropped?.id }, 'event queue full; oldest event dropped');
      }
      queue.push(event);
      kick();
    },
    idle: async () => {
      while (draining) await draining;
    },
    async close() {
      closed = true;
      while (draining) await draining;
    },
  };
}
