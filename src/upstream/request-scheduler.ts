import { ORGANIZATIONS_RATE_LIMITS, type RateLimit } from '../domain/organizations-rate-limits';

/** Lower is served first: changes, then tree and policy reads, then tags (issue 10: tags are background). */
export type CallPriority = 0 | 1 | 2;
export const PRIORITY = { change: 0, read: 1, background: 2 } as const satisfies Record<string, CallPriority>;

export interface SchedulerOptions {
  /** Multiplies every documented rate and burst; 0 turns pacing off (concurrency stays bounded). */
  readonly rateScale: number;
  /** Requests in flight at once, over every operation. */
  readonly concurrency: number;
  readonly rates?: Readonly<Record<string, RateLimit>>;
  /** Milliseconds on a monotonic clock. */
  readonly now?: () => number;
}

/** Gives the slot back; call it once, when the request has its answer or failed. */
export type Release = () => void;

interface Waiter {
  readonly seq: number;
  readonly operation: string;
  readonly grant: (release: Release) => void;
}

interface Bucket {
  tokens: number;
  updatedAtMs: number;
  readonly rate: number;
  readonly capacity: number;
}

/**
 * Paces the calls of one client the way AWS Organizations meters them: a token bucket per
 * operation at the documented rate (src/domain/organizations-rate-limits.ts), a bound on requests
 * in flight, and a priority queue in front of both. A waiting request leaves the queue when its
 * bucket has a token and a slot is free; among those that could go, the highest priority and then
 * the oldest goes first, so a request never waits behind another operation's empty bucket.
 *
 * Our bucket holds one token less than AWS's (at least one): AWS's bucket then keeps a token of
 * headroom, so the jitter between our send time and AWS's arrival time does not turn a paced call
 * into a TooManyRequestsException.
 */
export class RequestScheduler {
  private readonly queues: ReadonlyArray<Map<string, Waiter[]>> = [new Map(), new Map(), new Map()];
  private readonly buckets = new Map<string, Bucket | null>();
  private readonly now: () => number;
  private inFlight = 0;
  private queued = 0;
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerAtMs = Infinity;

  constructor(private readonly options: SchedulerOptions) {
    if (!(options.concurrency >= 1)) throw new Error(`concurrency must be at least 1, got ${options.concurrency}`);
    if (!(options.rateScale >= 0)) throw new Error(`rateScale must be 0 or more, got ${options.rateScale}`);
    this.now = options.now ?? (() => performance.now());
  }

  /** Resolves when the request may be sent; rejects with `signal.reason` if the signal aborts first. */
  acquire(operation: string, priority: CallPriority, signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Release>((resolve, reject) => {
      const onAbort = () => {
        if (this.remove(waiter, priority)) reject(signal?.reason);
      };
      const waiter: Waiter = {
        seq: (this.seq += 1),
        operation,
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      const queue = this.queues[priority]!.get(operation);
      if (queue) queue.push(waiter);
      else this.queues[priority]!.set(operation, [waiter]);
      this.queued += 1;
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pump();
    });
  }

  /**
   * AWS throttled this operation although we paced it: the quota is shared with other tools of the
   * management account. Empty our bucket so the next calls of the operation wait for a refill.
   */
  drain(operation: string): void {
    const bucket = this.bucketFor(operation);
    if (bucket) {
      bucket.tokens = 0;
      bucket.updatedAtMs = this.now();
    }
  }

  /** Requests in flight and waiting, for metrics. */
  load(): { readonly inFlight: number; readonly queued: number } {
    return { inFlight: this.inFlight, queued: this.queued };
  }

  private pump(): void {
    const now = this.now();
    let soonestMs = Infinity;
    while (this.inFlight < this.options.concurrency && this.queued > 0) {
      const { waiter, waitMs } = this.nextReady(now);
      soonestMs = waitMs;
      if (!waiter) break;
      const bucket = this.bucketFor(waiter.operation);
      if (bucket) bucket.tokens -= 1;
      this.removeHead(waiter);
      this.inFlight += 1;
      let released = false;
      waiter.grant(() => {
        if (released) return;
        released = true;
        this.inFlight -= 1;
        this.pump();
      });
    }
    if (this.inFlight < this.options.concurrency && this.queued > 0 && Number.isFinite(soonestMs)) this.wakeIn(soonestMs);
    else if (this.queued === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.timerAtMs = Infinity;
    }
  }

  /** The waiter to send now, or how long until the first blocked bucket has a token. */
  private nextReady(now: number): { waiter: Waiter | undefined; waitMs: number } {
    let waitMs = Infinity;
    for (const queues of this.queues) {
      let best: Waiter | undefined;
      for (const [operation, queue] of queues) {
        const head = queue[0];
        if (!head) continue;
        const bucket = this.bucketFor(operation);
        const missing = bucket ? 1 - refill(bucket, now) : 0;
        if (missing <= 0) {
          if (!best || head.seq < best.seq) best = head;
        } else {
          waitMs = Math.min(waitMs, (missing / bucket!.rate) * 1000);
        }
      }
      if (best) return { waiter: best, waitMs: 0 };
    }
    return { waiter: undefined, waitMs };
  }

  private wakeIn(ms: number): void {
    const at = this.now() + ms;
    if (this.timer && this.timerAtMs <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAtMs = at;
    // +1 ms: timers may fire a hair early, and a pump that finds no token yet would only re-arm.
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAtMs = Infinity;
        this.pump();
      },
      Math.ceil(ms) + 1,
    );
  }

  private removeHead(waiter: Waiter): void {
    for (const queues of this.queues) {
      const queue = queues.get(waiter.operation);
      if (queue?.[0] === waiter) {
        queue.shift();
        if (queue.length === 0) queues.delete(waiter.operation);
        this.queued -= 1;
        return;
      }
    }
  }

  private remove(waiter: Waiter, priority: CallPriority): boolean {
    const queue = this.queues[priority]!.get(waiter.operation);
    const index = queue ? queue.indexOf(waiter) : -1;
    if (!queue || index < 0) return false;
    queue.splice(index, 1);
    if (queue.length === 0) this.queues[priority]!.delete(waiter.operation);
    this.queued -= 1;
    this.pump();
    return true;
  }

  /** null: the operation is not paced (no documented rate, or pacing turned off). */
  private bucketFor(operation: string): Bucket | null {
    let bucket = this.buckets.get(operation);
    if (bucket !== undefined) return bucket;
    const limit = (this.options.rates ?? ORGANIZATIONS_RATE_LIMITS)[operation];
    const scale = this.options.rateScale;
    if (!limit || scale === 0) {
      bucket = null;
    } else {
      const capacity = Math.max(1, Math.floor(limit.burst * scale) - 1);
      bucket = { tokens: capacity, updatedAtMs: this.now(), rate: limit.rate * scale, capacity };
    }
    this.buckets.set(operation, bucket);
    return bucket;
  }
}

function refill(bucket: Bucket, now: number): number {
  const elapsedSeconds = Math.max(0, now - bucket.updatedAtMs) / 1000;
  bucket.tokens = Math.min(bucket.capacity, bucket.tokens + elapsedSeconds * bucket.rate);
  bucket.updatedAtMs = now;
  return bucket.tokens;
}
