import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { OrganizationsPort } from '../../src/domain/ports';
import { createOrganizationsClient, type ClientOptions, type UpstreamCallEvent } from '../../src/upstream/client-factory';
import { createSdkOrganizations } from '../../src/upstream/sdk-organizations';

export interface UpstreamUnderTest {
  readonly organizations: OrganizationsPort;
  readonly client: OrganizationsClient;
  /** Every call the client reported to onUpstreamCall. */
  readonly events: UpstreamCallEvent[];
  close(): void;
}

/** orgql's real upstream adapter (client-factory + SDK port) pointed at `endpoint`. */
export function upstreamAt(endpoint: string, options: Partial<ClientOptions> = {}): UpstreamUnderTest {
  const events: UpstreamCallEvent[] = [];
  const client = createOrganizationsClient(
    { kind: 'endpoint', endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
    { maxAttempts: 4, requestTimeoutMs: 2000, ...options },
    { onUpstreamCall: (event) => events.push(event) },
  );
  return { organizations: createSdkOrganizations(client), client, events, close: () => client.destroy() };
}

/** The OrgqlError a call rejected with, failing the test if it succeeded. */
export async function rejection(call: Promise<unknown>): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  try {
    await call;
  } catch (error) {
    return error as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error('expected the call to fail');
}
