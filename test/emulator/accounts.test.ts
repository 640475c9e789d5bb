import {
  CloseAccountCommand,
  CreateAccountCommand,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  ListAccountsForParentCommand,
  ListCreateAccountStatusCommand,
  ListParentsCommand,
  ListTagsForResourceCommand,
  MoveAccountCommand,
} from '@aws-sdk/client-organizations';
import { expectAwsError, manualClock, startTestEmulator } from './harness';
import type { TestEmulator } from './harness';

describe('accounts', () => {
  let t: TestEmulator;
  const clock = manualClock();
  beforeEach(async () => {
    t = await startTestEmulator({ seed: 'demo', now: clock.now });
  });
  afterEach(() => t.close());

  it('describes an account with Status, State, Paths, JoinedMethod and JoinedTimestamp', async () => {
    const { Account } = await t.client.send(new DescribeAccountCommand({ AccountId: '555555555555' }));
    expect(Account).toEqual({
      Id: '555555555555',
      Arn: 'arn:aws:organizations::111111111111:account/o-orgqldemo01/555555555555',
      Email: 'payments-prod@example.com',
      Name: 'Payments Prod',
      Status: 'ACTIVE',
      State: 'ACTIVE',
      Paths: ['o-orgqldemo01/r-demo/ou-demo-workloads/ou-demo-production/ou-demo-payments/555555555555/'],
      JoinedMethod: 'CREATED',
      JoinedTimestamp: new Date('2024-01-15T09:00:00Z'),
    });
    await expectAwsError(t.client.send(new DescribeAccountCommand({ AccountId: '000000000000' })), 'AccountNotFoundException');
  });

  it('lists only the direct accounts of a parent', async () => {
    const root = await t.client.send(new ListAccountsForParentCommand({ ParentId: 'r-demo' }));
    expect(root.Accounts?.map((a) => a.Id)).toEqual(['111111111111']);
    const workloads = await t.client.send(new ListAccountsForParentCommand({ ParentId: 'ou-demo-workloads' }));
    expect(workloads.Accounts).toEqual([]);
    await expectAwsError(t.client.send(new ListAccountsForParentCommand({ ParentId: 'ou-demo-nothere1' })), 'ParentNotFoundException');
  });

  it('moves an account and reports each documented failure', async () => {
    await t.client.send(new MoveAccountCommand({ AccountId: '666666666666', SourceParentId: 'ou-demo-development', DestinationParentId: 'ou-demo-sandboxes' }));
    expect((await t.client.send(new ListParentsCommand({ ChildId: '666666666666' }))).Parents?.[0]?.Id).toBe('ou-demo-sandboxes');
    const move = (AccountId: string, SourceParentId: string, DestinationParentId: string) =>
      t.client.send(new MoveAccountCommand({ AccountId, SourceParentId, DestinationParentId }));
    await expectAwsError(move('666666666666', 'ou-demo-sandboxes', 'ou-demo-sandboxes'), 'DuplicateAccountException');
    await expectAwsError(move('666666666666', 'ou-demo-nothere1', 'r-demo'), 'SourceParentNotFoundException');
    await expectAwsError(move('666666666666', 'ou-demo-sandboxes', 'ou-demo-nothere1'), 'DestinationParentNotFoundException');
    await expectAwsError(move('000000000000', 'ou-demo-sandboxes', 'r-demo'), 'AccountNotFoundException');
  });

  it('creates an account asynchronously: IN_PROGRESS, then SUCCEEDED with the account under the root', async () => {
    const created = await t.client.send(new CreateAccountCommand({ Email: 'new@example.com', AccountName: 'New', Tags: [{ Key: 'team', Value: 'a' }] }));
    expect(created.CreateAccountStatus).toMatchObject({ State: 'IN_PROGRESS', AccountName: 'New' });
    expect(created.CreateAccountStatus?.Id).toMatch(/^car-[a-z0-9]{8,32}$/);
    const { CreateAccountStatus } = await t.client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: created.CreateAccountStatus?.Id }));
    expect(CreateAccountStatus?.State).toBe('SUCCEEDED');
    expect(CreateAccountStatus?.AccountId).toMatch(/^\d{12}$/);
    const { Account } = await t.client.send(new DescribeAccountCommand({ AccountId: CreateAccountStatus?.AccountId }));
    expect(Account).toMatchObject({ JoinedMethod: 'CREATED', State: 'ACTIVE', Paths: [`o-orgqldemo01/r-demo/${Account?.Id}/`] });
    expect((await t.client.send(new ListTagsForResourceCommand({ ResourceId: Account?.Id }))).Tags).toEqual([{ Key: 'team', Value: 'a' }]);
    const listed = await t.client.send(new ListCreateAccountStatusCommand({ States: ['SUCCEEDED'] }));
    expect(listed.CreateAccountStatuses?.map((s) => s.Id)).toEqual([created.CreateAccountStatus?.Id]);
    await expectAwsError(
      t.client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: 'car-doesnotexist' })),
      'CreateAccountStatusNotFoundException',
    );
  });

  it('fails a create-account request whose email is taken with EMAIL_ALREADY_EXISTS', async () => {
    const created = await t.client.send(new CreateAccountCommand({ Email: 'audit@example.com', AccountName: 'Dup' }));
    const { CreateAccountStatus } = await t.client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: created.CreateAccountStatus?.Id }));
    expect(CreateAccountStatus).toMatchObject({ State: 'FAILED', FailureReason: 'EMAIL_ALREADY_EXISTS' });
  });

  it('closes an account: PENDING_CLOSURE, then CLOSED (legacy Status SUSPENDED)', async () => {
    await t.client.send(new CloseAccountCommand({ AccountId: '101010101010' }));
    expect((await t.client.send(new DescribeAccountCommand({ AccountId: '101010101010' }))).Account).toMatchObject({
      State: 'PENDING_CLOSURE',
      Status: 'PENDING_CLOSURE',
    });
    await expectAwsError(t.client.send(new CloseAccountCommand({ AccountId: '101010101010' })), 'AccountAlreadyClosedException');
    clock.advance(5_000);
    expect((await t.client.send(new DescribeAccountCommand({ AccountId: '101010101010' }))).Account).toMatchObject({
      State: 'CLOSED',
      Status: 'SUSPENDED',
    });
  });

  it('refuses to close the management account', async () => {
    await expectAwsError(
      t.client.send(new CloseAccountCommand({ AccountId: '111111111111' })),
      'ConstraintViolationException',
      'CANNOT_CLOSE_MANAGEMENT_ACCOUNT',
    );
  });
});
