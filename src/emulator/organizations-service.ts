import type { OrganizationsEvent } from '../domain/organizations-event';
import { AwsError } from './aws-error';
import { apiCallEvent, createAccountResultEvent, emitsEvent, type CallerInfo } from './cloudtrail-event';
import type { OperationContext } from './operation-context';
import type { CreateAccountRequestRecord } from './org-state';
import { MODEL_OPERATIONS, OPERATIONS } from './operation-table';
import { settlePendingWork } from './pending-work';
import type { StatsCounter } from './stats';
import type { Throttle } from './throttle';
import { INPUT_SHAPES, isImplementedOperation } from './validation/input-shapes';
import type { OperationName } from './validation/input-shapes';
import { validateInput } from './validation/validate-input';

/**
 * The AWS JSON 1.1 dispatcher without the socket: X-Amz-Target + raw body in, status + JSON body out.
 * Synchronous from target to response, so one operation is atomic over the state.
 * Order: target -> stats -> throttle -> injected failure -> body -> input validation -> pending work -> operation.
 */
export const TARGET_PREFIX = 'AWSOrganizationsV20161128.';

export interface ServiceResponse {
  status: number;
  body: Record<string, unknown>;
  operation?: string;
  /** With a caller: the EventBridge events of this call (its own when it changed something, plus completed async work). */
  events?: OrganizationsEvent[];
}

export interface ServiceOptions {
  stats: StatsCounter;
  throttle?: Throttle;
  failRate: number;
  random: () => number;
  /** Called after a request that changed the state, once its answer is ready (see `changes`). */
  onChange?: () => void;
}

/**
 * Whether an operation changes the organization: every operation but the Describe and List reads.
 * Reads can change it too, by settling pending work (pending-work.ts).
 */
const changes = (name: OperationName): boolean => !name.startsWith('Describe') && !name.startsWith('List');

function errorResponse(error: AwsError, operation?: string): ServiceResponse {
  return { status: error.httpStatus, body: error.toBody(), ...(operation ? { operation } : {}) };
}

/**
 * An unknown or missing target is UnknownOperationException. Real AWS JSON services answer it with
 * HTTP 400 (observed: aws/aws-sdk-js#425, aws/aws-sdk-net#1536), although the Common Errors page lists 404.
 */
function resolveTarget(target: string | undefined): OperationName {
  const name = target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
  if (name === undefined || !MODEL_OPERATIONS.includes(name)) {
    throw new AwsError('UnknownOperationException', `Unknown operation ${target ?? '(missing X-Amz-Target)'}.`);
  }
  if (!isImplementedOperation(name)) {
    throw new AwsError('AccessDeniedException', `The emulator does not implement ${name}; you don't have access to this operation.`);
  }
  return name;
}

function parseBody(raw: string): Record<string, unknown> {
  if (raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AwsError('SerializationException', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

export class OrganizationsService {
  constructor(
    readonly ctx: OperationContext,
    private readonly options: ServiceOptions,
  ) {}

  private changed(): void {
    this.options.onChange?.();
  }

  /** `caller` (from the HTTP front) asks for the call's EventBridge events in the response. */
  invoke(target: string | undefined, rawBody: string, caller?: CallerInfo): ServiceResponse {
    let operation: string | undefined;
    let completed: CreateAccountRequestRecord[] = [];
    try {
      const name = resolveTarget(target);
      operation = name;
      this.options.stats.record(name);
      if (this.options.throttle && !this.options.throttle.tryTake(name)) {
        throw new AwsError('TooManyRequestsException', 'Rate exceeded.', undefined, 400, 'RateLimitExceeded');
      }
      if (this.options.failRate > 0 && this.options.random() < this.options.failRate) {
        throw new AwsError('ServiceException', "AWS Organizations can't complete your request because of an internal service error. Try again later.");
      }
      const input = parseBody(rawBody);
      validateInput(input, INPUT_SHAPES[name]);
      const work = settlePendingWork(this.ctx);
      completed = work.completed;
      const settled = work.changed;
      try {
        const body = OPERATIONS[name](this.ctx, input);
        if (changes(name)) this.changed();
        if (!caller) return { status: 200, body, operation };
        const at = this.ctx.now();
        const events = completed.map((request) => createAccountResultEvent(this.ctx.state, at, request));
        if (emitsEvent(name)) events.push(apiCallEvent(this.ctx.state, at, name, input, body, caller));
        return { status: 200, body, operation, events };
      } finally {
        // Settled work stays settled even when the operation itself is refused.
        if (settled) this.changed();
      }
    } catch (error) {
      // Work settled before the operation failed still happened: its events go out with the error.
      const settled =
        caller && completed.length > 0 ? { events: completed.map((request) => createAccountResultEvent(this.ctx.state, this.ctx.now(), request)) } : {};
      if (error instanceof AwsError) return { ...errorResponse(error, operation), ...settled };
      // A bug must not crash the emulator nor leak internals: report it as AWS reports its own faults.
      return errorResponse(new AwsError('ServiceException', 'Internal emulator error.'), operation);
    }
  }
}
