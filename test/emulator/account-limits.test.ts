import {
  CloseAccountCommand,
  CreateAccountCommand,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  ListAccountsCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { CLOSE_SETTLE_MS } from '../../src/emulator/pending-work';
import { expectAwsError, manualClock, startTestEmulator, type TestEmulator } from './harness';

async function createAccounts(client: OrganizationsClient, count: number, prefix: string): Promise<string[]> {
  const requestIds: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const { CreateAccountStatus } = await client.send(new CreateAccountCommand({ Email: `${prefix}-${i}@example.com`, AccountName: `${prefix} ${i}` }));
    requestIds.push(CreateAccountStatus!.Id!);
  }
  const ids: string[] = [];
  for (const id of requestIds) {
    const { CreateAccountStatus } = await client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: id }));
    expect(CreateAccountStatus?.State).toBe('SUCCEEDED');
    ids.push(CreateAccountStatus!.AccountId!);
  }
  return ids;
}

const close = (t: TestEmulator, AccountId: string) => t.client.send(new CloseAccountCommand({ AccountId }));

describe('account limits, as AWS documents them', () => {
  let t: TestEmulator;
  const clock = manualClock();
  afterEach(() => t.close());

  it('closes at most 3 accounts at a time: a fourth waits until one has closed (CLOSE_ACCOUNT_REQUESTS_LIMIT_EXCEEDED)', async () => {
    t = await startTestEmulator({ seed: 'empty', now: clock.now });
    const [a, b, c, d] = await createAccounts(t.client, 4, 'concurrent');
    for (const id of [a!, b!, c!]) await close(t, id);
    await expectAwsError(close(t, d!), 'ConstraintViolationException', 'CLOSE_ACCOUNT_REQUESTS_LIMIT_EXCEEDED');
    expect((await t.client.send(new DescribeAccountCommand({ AccountId: d! }))).Account?.State).toBe('ACTIVE');
    clock.advance(CLOSE_SETTLE_MS);
    await close(t, d!);
    expect((await t.client.send(new DescribeAccountCommand({ AccountId: a! }))).Account).toMatchObject({ State: 'CLOSED', Status: 'SUSPENDED' });
    expect((await t.client.send(new DescribeAccountCommand({ AccountId: d! }))).Account?.State).toBe('PENDING_CLOSURE');
  });

  it('closes at most 250 accounts in 30 days in a small organization (CLOSE_ACCOUNT_QUOTA_EXCEEDED), and more once the window has passed', async () => {
    t = await startTestEmulator({ seed: 'empty', now: clock.now });
    const ids = await createAccounts(t.client, 252, 'quota');
    for (let i = 0; i < 250; i += 1) {
      await close(t, ids[i]!);
      if (i % 3 === 2) clock.advance(CLOSE_SETTLE_MS);
    }
    clock.advance(CLOSE_SETTLE_MS);
    await expectAwsError(close(t, ids[250]!), 'ConstraintViolationException', 'CLOSE_ACCOUNT_QUOTA_EXCEEDED');
    clock.advance(30 * 24 * 60 * 60 * 1000);
    await close(t, ids[250]!);
  });

  it('treats a closed, closing or suspended account as closed (AccountAlreadyClosedException)', async () => {
    t = await startTestEmulator({
      seed: { accounts: [{ id: '222222222222', name: 'Suspended', email: 'suspended@example.com', state: 'SUSPENDED' }] },
      now: clock.now,
    });
    await expectAwsError(close(t, '222222222222'), 'AccountAlreadyClosedException');
  });

  it('fails a request beyond the account quota with ACCOUNT_LIMIT_EXCEEDED, and an email taken in another case with EMAIL_ALREADY_EXISTS', async () => {
    t = await startTestEmulator({ seed: { organization: { maxAccounts: 2 }, accounts: [{ name: 'Member', email: 'Member@Example.com' }] }, now: clock.now });
    const send = async (Email: string) => {
      const { CreateAccountStatus } = await t.client.send(new CreateAccountCommand({ Email, AccountName: 'Another' }));
      return (await t.client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus!.Id! }))).CreateAccountStatus;
    };
    expect(await send('member@example.com')).toMatchObject({ State: 'FAILED', FailureReason: 'EMAIL_ALREADY_EXISTS' });
    expect(await send('third@example.com')).toMatchObject({ State: 'FAILED', FailureReason: 'ACCOUNT_LIMIT_EXCEEDED' });
    expect((await t.client.send(new ListAccountsCommand({}))).Accounts).toHaveLength(2);
  });
});
