import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { startTestGateway, type TestGateway } from '../support/gateway-harness';
import { startFaultUpstream, throttled, type FaultUpstream } from '../upstream/fault-upstream';
import { startStubUpstream } from './support/stub-upstream';

/**
 * A gateway pointed at a separate upstream, closed after the test. Its mirror is off, so every read
 * goes to the failing upstream and the counts are the request's own (test/mirror covers the mirror's failures).
 */
async function gatewayOn(endpoint: string, maxAttempts: number): Promise<TestGateway> {
  return startTestGateway({ ORGQL_ORGANIZATIONS_ENDPOINT: endpoint, ORGQL_UPSTREAM_MAX_ATTEMPTS: String(maxAttempts), ORGQL_MIRROR: 'off' });
}

describe('upstream failures reach the caller as stable error codes', () => {
  let emulator: RunningEmulator | undefined;
  let fault: FaultUpstream | undefined;
  let t: TestGateway | undefined;
  afterEach(async () => {
    await t?.close();
    await fault?.close();
    await emulator?.close();
    t = undefined;
    fault = undefined;
    emulator = undefined;
  });

  it('answers UPSTREAM_THROTTLED with retryAfterSeconds when AWS keeps throttling past the read deadline', async () => {
    fault = await startFaultUpstream(() => throttled);
    t = await startTestGateway({ ORGQL_ORGANIZATIONS_ENDPOINT: fault.url, ORGQL_UPSTREAM_READ_DEADLINE_MS: '3000' });
    const { body } = await t.graphql(`{ organization { id } }`);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_THROTTLED', retryAfterSeconds: expect.any(Number) });
    expect(body.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(fault.requests.DescribeOrganization).toBeGreaterThan(1);
  });

  it("paces calls to AWS's documented rates, so a burst against a throttling emulator is never throttled", async () => {
    emulator = await startEmulator({ seed: 'demo', throttle: true });
    t = await gatewayOn(emulator.url, 1);
    // DescribeOrganization is throttled at 1 per second with a burst of 2 (user guide throttling table).
    const responses = await Promise.all([1, 2, 3, 4].map(() => t!.graphql(`{ organization { id } }`)));
    expect(responses.map((r) => r.body.errors)).toEqual([undefined, undefined, undefined, undefined]);
    expect(emulator.stats().calls.DescribeOrganization).toBe(4);
  }, 30_000);

  it('retries throttled calls with backoff when pacing is off', async () => {
    emulator = await startEmulator({ seed: 'demo', throttle: true });
    t = await startTestGateway({
      ORGQL_ORGANIZATIONS_ENDPOINT: emulator.url,
      ORGQL_UPSTREAM_MAX_ATTEMPTS: '6',
      ORGQL_UPSTREAM_RATE_SCALE: '0',
      ORGQL_MIRROR: 'off',
    });
    for (let i = 0; i < 4; i++) {
      const { body } = await t.graphql(`{ organization { id } }`);
      expect(body.errors).toBeUndefined();
    }
    // More calls reached the emulator than requests were made: the throttled ones were retried.
    expect(emulator.stats().calls.DescribeOrganization).toBeGreaterThan(4);
  }, 60_000);

  it('sends a change once when its answer is lost after it reached AWS, and tells the caller the outcome is unknown', async () => {
    emulator = await startEmulator({ seed: 'demo' });
    fault = await startFaultUpstream((operation) => (operation === 'CreateOrganizationalUnit' ? { kind: 'pass-then-reset' } : { kind: 'pass' }), emulator.url);
    t = await gatewayOn(fault.url, 4);
    const { body } = await t.graphql(`mutation { createOrganizationalUnit(parentId: "r-demo", name: "Lost answer") { organizationalUnit { id } } }`);
    expect(body.errors![0]!.extensions).toMatchObject({ outcomeUnknown: true });
    expect(fault.requests.CreateOrganizationalUnit).toBe(1);
    expect(emulator.stats().calls.CreateOrganizationalUnit).toBe(1);
  });

  it('answers a change to a frozen upstream within the timeout + 1 s', async () => {
    emulator = await startEmulator({ seed: 'demo' });
    fault = await startFaultUpstream((operation) => (operation === 'CreateOrganizationalUnit' ? { kind: 'freeze' } : { kind: 'pass' }), emulator.url);
    t = await startTestGateway({ ORGQL_ORGANIZATIONS_ENDPOINT: fault.url, ORGQL_UPSTREAM_TIMEOUT_MS: '1000' });
    const started = Date.now();
    const { body } = await t.graphql(`mutation { createOrganizationalUnit(parentId: "r-demo", name: "Frozen") { organizationalUnit { id } } }`);
    expect(Date.now() - started).toBeLessThan(1000 + 1000);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', outcomeUnknown: true });
    expect(fault.requests.CreateOrganizationalUnit).toBe(1);
  });

  it('answers UPSTREAM_UNAVAILABLE when the service keeps failing', async () => {
    emulator = await startEmulator({ seed: 'demo', failRate: 1 });
    t = await gatewayOn(emulator.url, 2);
    const { body } = await t.graphql(`{ roots { id } }`);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(emulator.stats().calls.ListRoots).toBe(2);
  });

  it('answers UPSTREAM_UNAVAILABLE when nothing listens at the endpoint', async () => {
    const gone = await startStubUpstream({});
    const url = gone.url;
    await gone.close();
    t = await gatewayOn(url, 1);
    const { body } = await t.graphql(`{ organization { id } }`);
    expect(body.errors![0]!.extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('answers INTERNAL_SERVER_ERROR without internals when something unexpected breaks', async () => {
    const stub = await startStubUpstream({
      DescribePolicy: {
        Policy: { PolicySummary: { Id: 'p-corrupted1', Name: 'Corrupt', Type: 'TAG_POLICY', Arn: 'arn:x', AwsManaged: false }, Content: '{not json' },
      },
    });
    try {
      t = await gatewayOn(stub.url, 1);
      const { body } = await t.graphql(`{ policy(id: "p-corrupted1") { name content } }`);
      expect(body.errors![0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(JSON.stringify(body.errors)).not.toMatch(/JSON|Unexpected|stack|at /);
    } finally {
      await t?.close();
      t = undefined;
      await stub.close();
    }
  });
});
