import { startTestGateway, type TestGateway } from '../support/gateway-harness';

const ME = '{ me { id type displayName roles permissions } }';

describe('Query.me, the caller as the gateway sees it', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  it('tells an auditor its key id, role and the one permission it has, though it may read nothing else', async () => {
    const key = await t.keyFor('auditor', 'console-auditor');
    const { body } = await t.graphql(ME, {}, { authorization: `Bearer ${key}` });
    expect(body.errors).toBeUndefined();
    expect(body.data?.me).toEqual({
      id: expect.stringMatching(/^apikey:/),
      type: 'API_KEY',
      displayName: 'console-auditor',
      roles: ['AUDITOR'],
      permissions: ['AUDIT'],
    });
  });

  it('lists every permission of an admin in the order of the Permission enum', async () => {
    const { body } = await t.graphql(ME);
    expect(body.data?.me.permissions).toEqual(['READ', 'MUTATE', 'AUDIT', 'ADMIN', 'EVENTS']);
  });

  it('is refused without a key, like every field', async () => {
    const { status } = await t.graphql(ME, {}, { authorization: '' });
    expect(status).toBe(401);
  });
});
