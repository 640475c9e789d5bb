import {
  AttachPolicyCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreatePolicyCommand,
  DescribeOrganizationCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  OrganizationsClient,
  TagResourceCommand,
} from '@aws-sdk/client-organizations';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import type { OrganizationsEvent } from '../../src/domain/organizations-event';

/** The emulator's EventBridge events, as an API destination would receive them from AWS. */
describe('the events the emulator emits', () => {
  let emulator: RunningEmulator;
  let client: OrganizationsClient;
  const events: OrganizationsEvent[] = [];
  let rootId: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'demo', onEvent: (event) => events.push(event) });
    client = new OrganizationsClient({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAEVENTSTEST000001', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    rootId = (await client.send(new ListRootsCommand({}))).Roots![0]!.Id!;
  });
  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });
  beforeEach(() => void events.splice(0));

  it('sends one CloudTrail-shaped event per successful change, with the caller key and the response request id', async () => {
    const output = await client.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'events-ou', Tags: [{ Key: 'team', Value: 'a' }] }));
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event).toMatchObject({
      version: '0',
      source: 'aws.organizations',
      'detail-type': 'AWS API Call via CloudTrail',
      region: 'us-east-1',
      detail: {
        eventSource: 'organizations.amazonaws.com',
        eventName: 'CreateOrganizationalUnit',
        eventType: 'AwsApiCall',
        readOnly: false,
        userIdentity: { accessKeyId: 'AKIAEVENTSTEST000001' },
        requestParameters: { parentId: rootId, name: 'events-ou', tags: [{ key: 'team', value: 'a' }] },
        responseElements: { organizationalUnit: { id: output.OrganizationalUnit!.Id, name: 'events-ou' } },
        requestID: output.$metadata.requestId,
      },
    });
    expect(event.detail.requestID).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.account).toBe(event.detail.recipientAccountId);
    expect(event.detail.sourceIPAddress).toBeDefined();
    expect(event.detail.userAgent).toContain('aws-sdk-js');
  });

  it('sends nothing for reads and for failed calls', async () => {
    await client.send(new DescribeOrganizationCommand({}));
    await client.send(new ListRootsCommand({}));
    await expect(client.send(new AttachPolicyCommand({ PolicyId: 'p-doesnotexist', TargetId: rootId }))).rejects.toThrow();
    expect(events).toEqual([]);
  });

  it('records a call without output with responseElements null', async () => {
    const policy = await client.send(new CreatePolicyCommand({ Name: 'events-policy', Description: 'd', Type: 'TAG_POLICY', Content: '{"tags":{}}' }));
    await client.send(new TagResourceCommand({ ResourceId: policy.Policy!.PolicySummary!.Id!, Tags: [{ Key: 'k', Value: 'v' }] }));
    expect(events.map((e) => e.detail.eventName)).toEqual(['CreatePolicy', 'TagResource']);
    expect(events[0]!.detail.responseElements).toMatchObject({ policy: { policySummary: { id: policy.Policy!.PolicySummary!.Id, type: 'TAG_POLICY' } } });
    expect(events[1]!.detail).toMatchObject({ requestParameters: { resourceId: policy.Policy!.PolicySummary!.Id }, responseElements: null });
  });

  it('sends CreateAccountResult when an account creation completes, naming the new account', async () => {
    const created = await client.send(new CreateAccountCommand({ AccountName: 'Events', Email: 'events@example.com' }));
    await client.send(new ListRootsCommand({})); // the emulator completes the request at the next call
    expect(events.map((e) => e.detail.eventName)).toEqual(['CreateAccount', 'CreateAccountResult']);
    expect(events[1]!['detail-type']).toBe('AWS Service Event via CloudTrail');
    const result = events[1]!.detail;
    expect(result).toMatchObject({
      eventType: 'AwsServiceEvent',
      userIdentity: { invokedBy: 'AWS Internal' },
      serviceEventDetails: { createAccountStatus: { id: created.CreateAccountStatus!.Id, state: 'SUCCEEDED', accountName: 'Events' } },
    });
    expect((result.serviceEventDetails as any).createAccountStatus.accountId).toMatch(/^\d{12}$/);
    expect(result.requestID).toBeUndefined();
  });

  it('emits events in the order the calls changed the organization', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `ordered-${i}`);
    await Promise.all(names.map((Name) => client.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name }))));
    // The emulator lists a parent's OUs in creation order: the events must come in that order too.
    const listed = (await client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId }))).OrganizationalUnits!;
    const created = listed.map((ou) => ou.Name).filter((name) => name?.startsWith('ordered-'));
    expect(events.map((e) => (e.detail.responseElements as any).organizationalUnit.name)).toEqual(created);
  });
});
