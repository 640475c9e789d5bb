import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { startEmulator } from '../../src/emulator';
import type { EmulatorOptions, RunningEmulator } from '../../src/emulator';

/** Shared helpers for the emulator contract suite: a real listener on an ephemeral port plus an SDK client. */
export interface TestEmulator {
  emulator: RunningEmulator;
  client: OrganizationsClient;
  close(): Promise<void>;
}

export function clientFor(emulator: RunningEmulator, maxAttempts = 1): OrganizationsClient {
  return new OrganizationsClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts,
  });
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ port: 0, ...options });
  const client = clientFor(emulator);
  return {
    emulator,
    client,
    close: async () => {
      client.destroy();
      await emulator.close();
    },
  };
}

/** A clock tests move by hand, so timestamps and token buckets are deterministic. */
export function manualClock(start = '2025-01-01T00:00:00Z'): { now: () => Date; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

/** Resolves to the AWS error a call rejected with, failing the test if it succeeded. */
export async function awsError(
  call: Promise<unknown>,
): Promise<{ name: string; message: string; Reason?: string; Type?: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await call;
  } catch (error) {
    return error as { name: string; message: string; Reason?: string };
  }
  throw new Error('expected the call to fail with an AWS error');
}

export async function expectAwsError(call: Promise<unknown>, name: string, reason?: string): Promise<void> {
  const error = await awsError(call);
  expect({ name: error.name, reason: error.Reason }).toEqual({ name, reason });
}

/** A raw AWS JSON 1.1 call with fetch, for protocol tests the SDK would hide. */
export async function rawCall(
  url: string,
  target: string | undefined,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      ...(target === undefined ? {} : { 'X-Amz-Target': `AWSOrganizationsV20161128.${target}` }),
      ...headers,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
