import { startFaultUpstream, throttled, type FaultAnswer, type FaultUpstream } from './fault-upstream';
import { rejection, upstreamAt, type UpstreamUnderTest } from './upstream-client';

const ok = (body: unknown): FaultAnswer => ({ kind: 'answer', status: 200, body });
const serviceException: FaultAnswer = { kind: 'answer', status: 500, body: { __type: 'ServiceException', message: 'internal' } };

describe('a change is sent to AWS once unless AWS provably did nothing', () => {
  let fault: FaultUpstream | undefined;
  let upstream: UpstreamUnderTest | undefined;
  afterEach(async () => {
    upstream?.close();
    await fault?.close();
    fault = undefined;
    upstream = undefined;
  });

  it('does not resend a change after a reset, and says its outcome is unknown', async () => {
    fault = await startFaultUpstream(() => ({ kind: 'reset' }));
    upstream = upstreamAt(fault.url);
    const error = await rejection(upstream.organizations.attachPolicy('p-12345678', '123456789012'));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.details.outcomeUnknown).toBe(true);
    expect(error.message).toMatch(/may or may not have been made/);
    expect(fault.requests).toEqual({ AttachPolicy: 1 });
    expect(upstream.events).toEqual([expect.objectContaining({ operation: 'AttachPolicy', outcome: 'unknown', attempts: 1 })]);
  });

  it('retries a read after resets', async () => {
    fault = await startFaultUpstream((_, n) =>
      n < 3
        ? { kind: 'reset' }
        : ok({ Roots: [{ Id: 'r-ab12', Arn: 'arn:aws:organizations::111111111111:root/o-abcdefghij/r-ab12', Name: 'Root', PolicyTypes: [] }] }),
    );
    upstream = upstreamAt(fault.url);
    const roots = await upstream.organizations.listRoots();
    expect(roots.map((r) => r.id)).toEqual(['r-ab12']);
    expect(fault.requests).toEqual({ ListRoots: 3 });
    expect(upstream.events).toEqual([expect.objectContaining({ operation: 'ListRoots', outcome: 'ok', attempts: 3 })]);
  });

  it('does not resend a change after a 5xx or an answer it cannot parse', async () => {
    fault = await startFaultUpstream((operation) => (operation === 'DetachPolicy' ? serviceException : { kind: 'text', status: 200, text: '{"Policy": ' }));
    upstream = upstreamAt(fault.url);
    const afterFiveHundred = await rejection(upstream.organizations.detachPolicy('p-12345678', '123456789012'));
    const afterGarbage = await rejection(upstream.organizations.deletePolicy('p-12345678'));
    expect([afterFiveHundred.code, afterFiveHundred.details.outcomeUnknown]).toEqual(['UPSTREAM_UNAVAILABLE', true]);
    expect([afterGarbage.code, afterGarbage.details.outcomeUnknown]).toEqual(['UPSTREAM_UNAVAILABLE', true]);
    expect(fault.requests).toEqual({ DetachPolicy: 1, DeletePolicy: 1 });
  });

  it('sends a throttled change again and succeeds', async () => {
    fault = await startFaultUpstream((_, n) => (n === 1 ? throttled : ok({})));
    upstream = upstreamAt(fault.url);
    const result = await upstream.organizations.tagResource('123456789012', [{ key: 'team', value: 'a' }]);
    expect(result.upstreamRequestId).toBe('fault-TagResource-2');
    expect(fault.requests).toEqual({ TagResource: 2 });
    expect(upstream.events).toEqual([expect.objectContaining({ operation: 'TagResource', outcome: 'ok', attempts: 2 })]);
  });

  it('gives up on a throttled change at its deadline and says nothing happened', async () => {
    fault = await startFaultUpstream(() => throttled);
    upstream = upstreamAt(fault.url, { writeDeadlineMs: 1500 });
    const started = Date.now();
    const error = await rejection(upstream.organizations.enablePolicyType('r-ab12', 'TAG_POLICY'));
    expect(Date.now() - started).toBeLessThan(1500 + 1000);
    expect(error.code).toBe('UPSTREAM_THROTTLED');
    expect(error.details.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.details.outcomeUnknown).toBe(false);
    expect(fault.requests.EnablePolicyType).toBeGreaterThanOrEqual(2);
    expect(upstream.events).toEqual([expect.objectContaining({ operation: 'EnablePolicyType', outcome: 'throttled' })]);
  });

  it('retries a change whose connection was refused, as nothing was sent', async () => {
    fault = await startFaultUpstream(() => ok({}));
    const closedUrl = fault.url;
    await fault.close();
    fault = undefined;
    upstream = upstreamAt(closedUrl, { maxAttempts: 3 });
    const error = await rejection(upstream.organizations.untagResource('123456789012', ['team']));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.details.outcomeUnknown).toBe(false);
    expect(upstream.events).toEqual([expect.objectContaining({ operation: 'UntagResource', outcome: 'failed', attempts: 3 })]);
  });

  it("passes AWS's refusal through without a retry", async () => {
    fault = await startFaultUpstream(() => ({
      kind: 'answer',
      status: 400,
      body: { __type: 'DuplicatePolicyAttachmentException', message: 'already attached' },
    }));
    upstream = upstreamAt(fault.url);
    const error = await rejection(upstream.organizations.attachPolicy('p-12345678', '123456789012'));
    expect(error.code).toBe('DUPLICATE_ATTACHMENT');
    expect(error.details.outcomeUnknown).toBe(false);
    expect(fault.requests).toEqual({ AttachPolicy: 1 });
    expect(upstream.events).toEqual([expect.objectContaining({ outcome: 'failed', attempts: 1 })]);
  });
});

describe('the upstream timeout is enforced', () => {
  let fault: FaultUpstream | undefined;
  let upstream: UpstreamUnderTest | undefined;
  afterEach(async () => {
    upstream?.close();
    await fault?.close();
  });

  it('answers a change and a read from a frozen upstream within the timeout + 1 s, each sent once', async () => {
    fault = await startFaultUpstream(() => ({ kind: 'freeze' }));
    upstream = upstreamAt(fault.url, { requestTimeoutMs: 1000 });
    let started = Date.now();
    const change = await rejection(upstream.organizations.createOrganizationalUnit('r-ab12', 'Frozen', []));
    expect(Date.now() - started).toBeLessThan(1000 + 1000);
    expect(change.code).toBe('UPSTREAM_TIMEOUT');
    expect(change.details.outcomeUnknown).toBe(true);

    started = Date.now();
    const read = await rejection(upstream.organizations.describeOrganization());
    expect(Date.now() - started).toBeLessThan(1000 + 1000);
    expect(read.code).toBe('UPSTREAM_TIMEOUT');
    expect(read.details.outcomeUnknown).toBeUndefined();
    expect(fault.requests).toEqual({ CreateOrganizationalUnit: 1, DescribeOrganization: 1 });
    expect(upstream.events.map((e) => e.outcome)).toEqual(['unknown', 'unknown']);
  });

  it('times out an answer whose body stalls after its headers', async () => {
    fault = await startFaultUpstream(() => ({ kind: 'freeze' }));
    // A server that sends headers and part of the body, then nothing.
    const { createServer } = await import('node:http');
    const stalling = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.write('{"Organization": ');
      });
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const { port } = stalling.address() as { port: number };
    upstream = upstreamAt(`http://127.0.0.1:${port}`, { requestTimeoutMs: 1000 });
    try {
      const started = Date.now();
      const error = await rejection(upstream.organizations.describeOrganization());
      expect(Date.now() - started).toBeLessThan(1000 + 1000);
      expect(error.code).toBe('UPSTREAM_TIMEOUT');
    } finally {
      stalling.closeAllConnections();
      stalling.close();
    }
  });
});
