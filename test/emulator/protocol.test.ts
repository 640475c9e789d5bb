import { rawCall, startTestEmulator } from './harness';
import type { TestEmulator } from './harness';

describe('the AWS JSON 1.1 front', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({ seed: 'demo', maxBodyBytes: 4096 });
  });
  afterAll(() => t.close());

  it('answers a known operation with 200, the model member names and a request id', async () => {
    const res = await rawCall(t.emulator.url, 'DescribeOrganization', '{}');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json.Organization).toMatchObject({ Id: 'o-orgqldemo01', FeatureSet: 'ALL', MasterAccountId: '111111111111' });
  });

  it('sends timestamps as epoch seconds and policy content as a JSON string', async () => {
    const account = await rawCall(t.emulator.url, 'DescribeAccount', '{"AccountId":"222222222222"}');
    expect((account.json.Account as Record<string, unknown>).JoinedTimestamp).toBe(Date.parse('2024-01-15T09:00:00Z') / 1000);
    const policy = await rawCall(t.emulator.url, 'DescribePolicy', '{"PolicyId":"p-aioptoutall"}');
    expect(typeof (policy.json.Policy as Record<string, unknown>).Content).toBe('string');
  });

  it('answers an unknown target with UnknownOperationException', async () => {
    const res = await rawCall(t.emulator.url, 'FlyToTheMoon', '{}');
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ __type: 'UnknownOperationException', Message: expect.any(String) });
    expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
  });

  it('answers a missing target with UnknownOperationException', async () => {
    const res = await rawCall(t.emulator.url, undefined, '{}');
    expect(res.json.__type).toBe('UnknownOperationException');
  });

  it('answers a model operation it does not implement with AccessDeniedException', async () => {
    const res = await rawCall(t.emulator.url, 'InviteAccountToOrganization', '{}');
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe('AccessDeniedException');
  });

  it('answers a malformed body with SerializationException', async () => {
    for (const body of ['{"ParentId":', '[1,2]', 'null']) {
      const res = await rawCall(t.emulator.url, 'ListChildren', body);
      expect(res.status).toBe(400);
      expect(res.json.__type).toBe('SerializationException');
    }
  });

  it('answers a member of the wrong JSON type with SerializationException', async () => {
    const res = await rawCall(t.emulator.url, 'ListAccounts', '{"MaxResults":"five"}');
    expect(res.json.__type).toBe('SerializationException');
  });

  it('treats an empty body as an empty input', async () => {
    const res = await rawCall(t.emulator.url, 'ListRoots', '');
    expect(res.status).toBe(200);
  });

  it('shapes errors as __type, Message and Reason only where the model has Reason', async () => {
    const invalid = await rawCall(t.emulator.url, 'DescribeAccount', '{}');
    expect(invalid.json).toEqual({ __type: 'InvalidInputException', Message: expect.any(String), Reason: 'INPUT_REQUIRED' });
    const notFound = await rawCall(t.emulator.url, 'DescribeAccount', '{"AccountId":"000000000000"}');
    expect(notFound.json).toEqual({ __type: 'AccountNotFoundException', Message: expect.any(String) });
    expect(notFound.headers.get('content-type')).toBe('application/x-amz-json-1.1');
  });

  it('refuses a body over maxBodyBytes with 413', async () => {
    const res = await rawCall(t.emulator.url, 'ListRoots', JSON.stringify({ NextToken: 'x'.repeat(5000) }));
    expect(res.status).toBe(413);
    expect(res.json.__type).toBe('RequestEntityTooLargeException');
    const after = await rawCall(t.emulator.url, 'ListRoots', '{}');
    expect(after.status).toBe(200);
  });

  it('accepts any signature and ignores the Authorization header', async () => {
    const res = await rawCall(t.emulator.url, 'ListRoots', '{}', { Authorization: 'AWS4-HMAC-SHA256 Credential=bogus' });
    expect(res.status).toBe(200);
  });

  it('answers a GET on the service path as an unknown operation', async () => {
    const res = await fetch(`${t.emulator.url}/`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as Record<string, unknown>).__type).toBe('UnknownOperationException');
  });

  it('survives a burst of hostile inputs', async () => {
    const bodies = ['{"AccountId":{"$gt":1}}', '{"Tags":[null]}', '{"__proto__":{"x":1}}', '\u0000', '{"ResourceId":"p-' + 'a'.repeat(200) + '"}'];
    for (const body of bodies) {
      for (const op of ['DescribeAccount', 'TagResource', 'CreateOrganizationalUnit', 'ListTagsForResource']) {
        const res = await rawCall(t.emulator.url, op, body);
        expect([200, 400]).toContain(res.status);
      }
    }
    expect((await rawCall(t.emulator.url, 'ListRoots', '{}')).status).toBe(200);
  });
});
