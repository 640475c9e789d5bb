import { startTestGateway, type TestGateway } from '../support/gateway-harness';
import { auditRows, lastIntent } from './support/audit-rows';

const CREATE = `mutation($email: String!, $name: String!, $role: String, $billing: IamUserAccessToBilling, $tags: [TagInput!], $key: String) {
  createAccount(email: $email, accountName: $name, roleName: $role, iamUserAccessToBilling: $billing, tags: $tags, idempotencyKey: $key) {
    createAccountStatus { id state accountName accountId failureReason requestedAt completedAt }
    auditEventId
  }
}`;
const STATUS = `query($id: ID!) { createAccountStatus(id: $id) { id state accountName accountId failureReason requestedAt completedAt account { id name email state joinedMethod parent { id } tags { key value } } } }`;
const CLOSE = `mutation($id: ID!) { closeAccount(accountId: $id) { account { id state } auditEventId } }`;
const ACCOUNT_STATE = `query($id: ID!) { account(id: $id) { id state } }`;

/** Polls `read` until `done` holds for its answer, or fails after the deadline. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not reached in ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('creating and closing accounts through GraphQL, against the emulator over HTTP', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  async function errorOf(query: string, variables?: Record<string, unknown>) {
    const { body } = await t.graphql(query, variables);
    expect(body.errors).toHaveLength(1);
    return body.errors![0]!;
  }
  const status = (id: string) => t.data(STATUS, { id }).then((d) => d.createAccountStatus);

  it('creates an account: the payload says IN_PROGRESS, createAccountStatus follows it to SUCCEEDED with the account under the root', async () => {
    const { createAccount } = await t.data(CREATE, {
      email: 'data-science@example.com',
      name: 'Data Science',
      role: 'OrgAdmin',
      billing: 'DENY',
      tags: [{ key: 'team', value: 'ds' }],
    });
    expect(createAccount.createAccountStatus).toMatchObject({
      state: 'IN_PROGRESS',
      accountName: 'Data Science',
      accountId: null,
      failureReason: null,
      completedAt: null,
    });
    expect(createAccount.createAccountStatus.id).toMatch(/^car-[a-z0-9]{8,32}$/);

    const done = await eventually(
      () => status(createAccount.createAccountStatus.id),
      (s) => s.state !== 'IN_PROGRESS',
    );
    expect(done).toMatchObject({ state: 'SUCCEEDED', accountName: 'Data Science', failureReason: null });
    expect(done.accountId).toMatch(/^\d{12}$/);
    expect(new Date(done.completedAt).getTime()).toBeGreaterThanOrEqual(new Date(done.requestedAt).getTime());
    expect(done.account).toEqual({
      id: done.accountId,
      name: 'Data Science',
      email: 'data-science@example.com',
      state: 'ACTIVE',
      joinedMethod: 'CREATED',
      parent: { id: 'r-demo' },
      tags: [{ key: 'team', value: 'ds' }],
    });

    const [intent, result] = await auditRows(t, createAccount.auditEventId);
    expect(intent).toMatchObject({
      operation: 'createAccount',
      upstreamAction: 'CreateAccount',
      arguments: {
        email: 'data-science@example.com',
        accountName: 'Data Science',
        roleName: 'OrgAdmin',
        iamUserAccessToBilling: 'DENY',
        tags: [{ key: 'team', value: 'ds' }],
      },
    });
    expect(result).toMatchObject({
      kind: 'RESULT',
      outcome: 'SUCCEEDED',
      stateAfter: { createAccountStatus: { id: createAccount.createAccountStatus.id, state: 'IN_PROGRESS' } },
    });
  });

  it('reports a request for a taken email as FAILED with EMAIL_ALREADY_EXISTS: AWS accepts it, then refuses the account', async () => {
    const { createAccount } = await t.data(CREATE, { email: 'audit@example.com', name: 'Second Audit' });
    const done = await eventually(
      () => status(createAccount.createAccountStatus.id),
      (s) => s.state !== 'IN_PROGRESS',
    );
    expect(done).toMatchObject({ state: 'FAILED', failureReason: 'EMAIL_ALREADY_EXISTS', accountId: null, account: null });
  });

  it('returns the first request for a retry with the same idempotency key, and makes no second account', async () => {
    const variables = { email: 'retried@example.com', name: 'Retried', key: 'create-retried-1' };
    const first = (await t.data(CREATE, variables)).createAccount;
    const retry = (await t.data(CREATE, variables)).createAccount;
    expect(retry.createAccountStatus.id).toBe(first.createAccountStatus.id);
    expect(retry.auditEventId).toBe(first.auditEventId);
    const done = await eventually(
      () => status(first.createAccountStatus.id),
      (s) => s.state !== 'IN_PROGRESS',
    );
    expect(done.state).toBe('SUCCEEDED');
    const emails = (await t.data(`{ accounts(first: 100) { edges { node { email } } } }`)).accounts.edges.map((e: any) => e.node.email);
    expect(emails.filter((email: string) => email === 'retried@example.com')).toHaveLength(1);
  });

  it('refuses invalid input before it is sent, and an unknown request id with NOT_FOUND', async () => {
    expect((await errorOf(CREATE, { email: 'not-an-email', name: 'X' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await errorOf(CREATE, { email: 'ok@example.com', name: 'X', role: 'bad role name!' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await errorOf(STATUS, { id: 'car-doesnotexist1' })).extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await errorOf(STATUS, { id: 'nonsense' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('closes a member account: PENDING_CLOSURE at once, CLOSED once AWS is done; closing it again is a CONFLICT', async () => {
    const closed = (await t.data(CLOSE, { id: '101010101010' })).closeAccount;
    expect(closed.account).toEqual({ id: '101010101010', state: 'PENDING_CLOSURE' });
    const [intent, result] = await auditRows(t, closed.auditEventId);
    expect(intent).toMatchObject({
      operation: 'closeAccount',
      upstreamAction: 'CloseAccount',
      targetType: 'ACCOUNT',
      targetId: '101010101010',
      stateBefore: { account: { state: 'ACTIVE' } },
    });
    expect(result).toMatchObject({ outcome: 'SUCCEEDED', stateAfter: { account: { state: 'PENDING_CLOSURE' } } });

    const again = await errorOf(CLOSE, { id: '101010101010' });
    expect(again.extensions).toMatchObject({ code: 'CONFLICT', upstreamException: 'AccountAlreadyClosedException' });
    await eventually(
      () => t.data(ACCOUNT_STATE, { id: '101010101010' }).then((d) => d.account.state),
      (state) => state === 'CLOSED',
    );
  });

  it('refuses to close the management account with CONSTRAINT_VIOLATION and its reason, recorded as a failed attempt', async () => {
    const error = await errorOf(CLOSE, { id: '111111111111' });
    expect(error.extensions).toMatchObject({ code: 'CONSTRAINT_VIOLATION', reason: 'CANNOT_CLOSE_MANAGEMENT_ACCOUNT' });
    const intent = await lastIntent(t, 'closeAccount');
    expect(intent).toMatchObject({ targetId: '111111111111' });
    expect(intent!.results[0]).toMatchObject({ outcome: 'FAILED', errorCode: 'CONSTRAINT_VIOLATION' });
    expect((await errorOf(CLOSE, { id: 'r-demo' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await errorOf(CLOSE, { id: '000000000000' })).extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});
