import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { startTestGateway, type TestGateway } from '../support/gateway-harness';
import { startStubUpstream } from './support/stub-upstream';

/** A gateway pointed at a separate upstream, closed after the test. */
async function gatewayOn(endpoint: string, maxAttempts: number): Promise<TestGateway> {
  return startTestGateway({ ORGQL_ORGANIZATIONS_ENDPOINT: endpoint, ORGQL_UPSTREAM_MAX_ATTEMPTS: String(maxAttempts) });
}

describe('upstream failures reach the caller as stable error codes', () => {
  let emulator: RunningEmulator | undefined;
  let t: TestGateway | undefined;
  afterEach(async () => {
    await t?.close();
    await emulator?.close();
    t = undefined;
    emulator = undefined;
  });

  it('answers UPSTREAM_THROTTLED with retryAfterSeconds once the retry budget is spent', async () => {
    emulator = await startEmulator({ seed: 'demo', throttle: true });
    t = await gatewayOn(emulator.url, 1);
    // DescribeOrganization is throttled at 1 per second with a burst of 2 (user guide throttling table).
    const responses = [];
    for (let i = 0; i < 4; i++) responses.push(await t.graphql(`{ organization { id } }`));
    const throttled = responses.find((r) => r.body.errors);
    expect(throttled).toBeDefined();
    expect(throttled!.body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_THROTTLED', retryAfterSeconds: expect.any(Number) });
    expect(throttled!.body.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('retries throttled calls with backoff so a short burst still succeeds', async () => {
    emulator = await startEmulator({ seed: 'demo', throttle: true });
    t = await gatewayOn(emulator.url, 6);
    for (let i = 0; i < 4; i++) {
      const { body } = await t.graphql(`{ organization { id } }`);
      expect(body.errors).toBeUndefined();
    }
    // More calls reached the emulator than requests were made: the throttled ones were retried.
    expect(emulator.stats().calls.DescribeOrganization).toBeGreaterThan(4);
  }, 60_000);

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
      DescribePolicy: { Policy: { PolicySummary: { Id: 'p-corrupted1', Name: 'Corrupt', Type: 'TAG_POLICY', Arn: 'arn:x', AwsManaged: false }, Content: '{not json' } },
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
