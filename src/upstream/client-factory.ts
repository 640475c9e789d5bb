import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { addIdGuard } from './id-guard-middleware';
import { addPacedSend, type UpstreamHooks } from './paced-send';
import { RequestScheduler } from './request-scheduler';

export type { UpstreamCallEvent, UpstreamCallOutcome, UpstreamHooks } from './paced-send';

export type UpstreamTarget =
  /** The real Organizations API: SDK default endpoint and credential chain, optionally assuming a role. */
  | { readonly kind: 'aws'; readonly region: string; readonly assumeRoleArn?: string | undefined }
  /** Any endpoint speaking the Organizations protocol (orgql's emulator, a proxy). */
  | { readonly kind: 'endpoint'; readonly endpoint: string; readonly region: string; readonly credentials: StaticCredentials };

export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

export interface ClientOptions {
  /** Attempts of a read after a transient failure (5xx, reset, refused connection), the first included. */
  readonly maxAttempts: number;
  /**
   * Per attempt: connecting, waiting for the answer's headers, and each silence while its body
   * streams. Enforced (the smithy handler only logs an overrun unless throwOnRequestTimeout is set).
   */
  readonly requestTimeoutMs: number;
  /** Multiplies AWS's documented per-operation rates (default 1); 0 turns pacing off. */
  readonly rateScale?: number | undefined;
  /** Requests in flight at once (default 8). */
  readonly concurrency?: number | undefined;
  /** A read retries throttling until this long after its first attempt (default 60 s). */
  readonly readDeadlineMs?: number | undefined;
  /** A change's whole budget: waiting for its turn, its attempts and backoff (default 30 s). */
  readonly writeDeadlineMs?: number | undefined;
}

export const CLIENT_DEFAULTS = { rateScale: 1, concurrency: 8, readDeadlineMs: 60_000, writeDeadlineMs: 30_000 } as const;

/**
 * The Organizations client every orgql component uses. Its calls are paced to AWS's documented
 * per-operation rates, bounded in concurrency, retried by paced-send.ts (the SDK's own retry
 * middleware is replaced by a pass-through) and reported to `hooks.onUpstreamCall`. One client, one scheduler: share the
 * client to share the quota.
 */
export function createOrganizationsClient(target: UpstreamTarget, options: ClientOptions, hooks: UpstreamHooks = {}): OrganizationsClient {
  const timeout = options.requestTimeoutMs;
  const common = {
    region: target.region,
    maxAttempts: 1,
    retryMode: 'standard',
    requestHandler: { requestTimeout: timeout, connectionTimeout: timeout, socketTimeout: timeout, throwOnRequestTimeout: true },
  } as const;
  let client: OrganizationsClient;
  if (target.kind === 'endpoint') {
    client = new OrganizationsClient({ ...common, endpoint: target.endpoint, credentials: target.credentials });
  } else {
    const base = fromNodeProviderChain();
    const credentials = target.assumeRoleArn
      ? fromTemporaryCredentials({ masterCredentials: base, params: { RoleArn: target.assumeRoleArn, RoleSessionName: 'orgql' } })
      : base;
    client = new OrganizationsClient({ ...common, credentials });
  }
  const scheduler = new RequestScheduler({
    rateScale: options.rateScale ?? CLIENT_DEFAULTS.rateScale,
    concurrency: options.concurrency ?? CLIENT_DEFAULTS.concurrency,
  });
  // paced-send.ts decides every retry; the SDK's would resend changes after any transient error.
  // Its slot stays, as a pass-through: the signer is placed relative to it by name.
  client.middlewareStack.remove('retryMiddleware');
  client.middlewareStack.add((next) => next, { step: 'finalizeRequest', priority: 'high', name: 'retryMiddleware' });
  addIdGuard(client);
  addPacedSend(
    client,
    scheduler,
    {
      maxAttempts: options.maxAttempts,
      readDeadlineMs: options.readDeadlineMs ?? CLIENT_DEFAULTS.readDeadlineMs,
      writeDeadlineMs: options.writeDeadlineMs ?? CLIENT_DEFAULTS.writeDeadlineMs,
    },
    hooks,
  );
  return client;
}
