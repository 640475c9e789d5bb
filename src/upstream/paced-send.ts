import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { defaultDelayDecider, DEFAULT_RETRY_DELAY_BASE, getRetryAfterHint, MAXIMUM_RETRY_DELAY, THROTTLING_RETRY_DELAY_BASE } from '@smithy/core/retry';
import { OrgqlError } from '../domain/errors';
import { attemptVerdict, isTimeout, type AttemptVerdict } from './attempt-verdict';
import { toOrgqlError } from './error-mapping';
import { PRIORITY, type CallPriority, type Release, type RequestScheduler } from './request-scheduler';

export interface CallPolicy {
  /** Attempts of a read after a transient failure (5xx, reset, refused connection), the first included. */
  readonly maxAttempts: number;
  /** A read retries (throttling without an attempt limit) until this long after its first attempt. */
  readonly readDeadlineMs: number;
  /** A change's whole budget from the call on: waiting for its turn, attempts and backoff. */
  readonly writeDeadlineMs: number;
}

export type UpstreamCallOutcome = 'ok' | 'throttled' | 'failed' | 'unknown';

/** One SDK call as orgql's metrics see it (the pages of a list are one call each). */
export interface UpstreamCallEvent {
  readonly operation: string;
  /** `unknown`: it may have reached AWS without an answer (timeout, reset, 5xx, unparseable). */
  readonly outcome: UpstreamCallOutcome;
  /** From the call to its answer, waiting for a turn and backoff included. */
  readonly durationMs: number;
  readonly attempts: number;
  /** Of durationMs, the time spent waiting for a token and a free slot. */
  readonly queuedMs: number;
}

export interface UpstreamHooks {
  readonly onUpstreamCall?: (event: UpstreamCallEvent) => void;
}

/** Reads are Describe* and List*; anything else changes Organizations and is sent at most once unless provably refused. */
const isRead = (operation: string): boolean => /^(Describe|List)/.test(operation);

/** Throttling of a read is retried for as long as its deadline allows; this only bounds a broken clock. */
const MAX_THROTTLED_ATTEMPTS = 50;

/**
 * The one place every SDK call of an orgql client goes through (an `initialize` middleware, so each
 * attempt is serialized and signed anew after its wait):
 * 1. waits for its operation's token and a free slot (request-scheduler.ts), changes first, tags last;
 * 2. retries with the SDK's backoff (full jitter, `defaultDelayDecider`, throttling base 500 ms, at
 *    least the Retry-After hint): throttling always, within the deadline; reads also after 5xx,
 *    resets and refused connections, up to maxAttempts; never after a timeout (a frozen upstream
 *    would multiply the caller's wait); changes only when the attempt provably did nothing
 *    (throttled, or the connection was refused), so AWS never gets a change twice (issue 11);
 * 3. translates the final failure into an OrgqlError, marking a change whose result is unknown;
 * 4. reports the call to `onUpstreamCall`.
 * The SDK's retry middleware is replaced by a pass-through (client-factory.ts): nothing retries behind this.
 */
export function addPacedSend(client: OrganizationsClient, scheduler: RequestScheduler, policy: CallPolicy, hooks: UpstreamHooks = {}): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const read = isRead(operation);
      const priority: CallPriority = !read ? PRIORITY.change : operation === 'ListTagsForResource' ? PRIORITY.background : PRIORITY.read;
      const started = performance.now();
      let deadline = read ? Infinity : started + policy.writeDeadlineMs;
      let attempts = 0;
      let queuedMs = 0;
      let last: { error: unknown; verdict: AttemptVerdict } | undefined;
      const finish = (outcome: UpstreamCallOutcome) => {
        try {
          hooks.onUpstreamCall?.({ operation, outcome, durationMs: performance.now() - started, attempts, queuedMs });
        } catch {
          // A broken metrics observer must not break the call it observes.
        }
      };
      const fail = (error: unknown, verdict: AttemptVerdict): OrgqlError => {
        finish(verdict === 'throttled' ? 'throttled' : verdict === 'unknown' ? 'unknown' : 'failed');
        return toOrgqlError(error, { retryAfterSeconds: retryAfterSeconds(error, attempts), outcomeUnknown: read ? undefined : verdict === 'unknown' });
      };

      for (;;) {
        const waitStarted = performance.now();
        const deadlineSignal = signalAt(deadline);
        let release: Release;
        try {
          release = await scheduler.acquire(operation, priority, deadlineSignal);
        } catch (error) {
          if (!deadlineSignal?.aborted) throw error;
          // The deadline passed while waiting for a turn: this attempt was never sent.
          if (last) throw fail(last.error, last.verdict);
          finish('throttled');
          throw new OrgqlError('UPSTREAM_THROTTLED', `${operation} did not get a turn within AWS Organizations' rate limits in time; it was not sent.`, {
            retryAfterSeconds: 1,
            ...(read ? {} : { outcomeUnknown: false }),
          });
        }
        queuedMs += performance.now() - waitStarted;
        if (read && attempts === 0) deadline = performance.now() + policy.readDeadlineMs;
        attempts += 1;
        let result: Awaited<ReturnType<typeof next>>;
        try {
          result = await next(args);
        } catch (error) {
          release();
          const verdict = attemptVerdict(error);
          last = { error, verdict };
          if (verdict === 'throttled') scheduler.drain(operation);
          const delayMs = backoffMs(error, verdict, attempts);
          if (!mayRetry(read, verdict, error, attempts, policy.maxAttempts) || performance.now() + delayMs >= deadline) throw fail(error, verdict);
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          continue;
        }
        release();
        finish('ok');
        return result;
      }
    },
    { step: 'initialize', priority: 'low', name: 'orgqlPacedSend' },
  );
}

function mayRetry(read: boolean, verdict: AttemptVerdict, error: unknown, attempts: number, maxAttempts: number): boolean {
  switch (verdict) {
    case 'throttled':
      return attempts < MAX_THROTTLED_ATTEMPTS;
    case 'not-sent':
      return attempts < maxAttempts;
    case 'unknown':
      return read && !isTimeout(error) && attempts < maxAttempts;
    case 'refused':
      return false;
  }
}

function backoffMs(error: unknown, verdict: AttemptVerdict, attempts: number): number {
  const base = verdict === 'throttled' ? THROTTLING_RETRY_DELAY_BASE : DEFAULT_RETRY_DELAY_BASE;
  const computed = defaultDelayDecider(base, attempts);
  const hint = getRetryAfterHint((error as { $response?: unknown } | undefined)?.$response);
  const hinted = hint ? hint.getTime() - Date.now() : 0;
  return Math.min(MAXIMUM_RETRY_DELAY, Math.max(computed, hinted));
}

/** What a throttled caller is told to wait: the upper bound of the backoff it would have had next. */
function retryAfterSeconds(error: unknown, attempts: number): number {
  const hint = getRetryAfterHint((error as { $response?: unknown } | undefined)?.$response);
  const hintedMs = hint ? hint.getTime() - Date.now() : 0;
  const ceilingMs = Math.min(MAXIMUM_RETRY_DELAY, THROTTLING_RETRY_DELAY_BASE * 2 ** attempts);
  return Math.max(1, Math.ceil(Math.max(hintedMs, ceilingMs) / 1000));
}

function signalAt(deadline: number): AbortSignal | undefined {
  return Number.isFinite(deadline) ? AbortSignal.timeout(Math.max(0, Math.ceil(deadline - performance.now()))) : undefined;
}
