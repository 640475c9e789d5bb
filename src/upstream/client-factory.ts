import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { addIdGuard } from './id-guard-middleware';

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
  /**
   * Total attempts per call, including the first. The SDK's `standard` retry mode retries throttling
   * (TooManyRequestsException), 5xx and transient network errors with exponential backoff and full
   * jitter (capped at 20 s per wait) and draws every retry from a client-wide retry-quota bucket, so
   * a struggling upstream is not hammered: the budget is bounded per call (maxAttempts) and per
   * client (the quota). When it is spent the error reaches the caller as UPSTREAM_THROTTLED with
   * retryAfterSeconds (sdk-call.ts). AWS: "Retry behavior" in the SDKs and Tools reference guide.
   */
  readonly maxAttempts: number;
  readonly requestTimeoutMs: number;
}

export function createOrganizationsClient(target: UpstreamTarget, options: ClientOptions): OrganizationsClient {
  const common = {
    region: target.region,
    maxAttempts: options.maxAttempts,
    retryMode: 'standard',
    requestHandler: { requestTimeout: options.requestTimeoutMs, connectionTimeout: options.requestTimeoutMs },
  } as const;
  if (target.kind === 'endpoint') {
    return guarded(new OrganizationsClient({ ...common, endpoint: target.endpoint, credentials: target.credentials }));
  }
  const base = fromNodeProviderChain();
  const credentials = target.assumeRoleArn
    ? fromTemporaryCredentials({ masterCredentials: base, params: { RoleArn: target.assumeRoleArn, RoleSessionName: 'orgql' } })
    : base;
  return guarded(new OrganizationsClient({ ...common, credentials }));
}

function guarded(client: OrganizationsClient): OrganizationsClient {
  addIdGuard(client);
  return client;
}
