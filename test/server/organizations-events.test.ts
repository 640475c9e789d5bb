import { CreateOrganizationalUnitCommand, OrganizationsClient, TagResourceCommand } from '@aws-sdk/client-organizations';
import pino from 'pino';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { createEventDelivery, type EventDelivery } from '../../src/server/event-delivery';
import { mirrorSettled, startTestGateway, type TestGateway } from '../support/gateway-harness';

/**
 * Issue 10, item 6: changes made outside orgql reach the mirror through Organizations events and
 * land in the audit log once, as OUT_OF_BAND; orgql's own changes do not.
 */
const OUT_OF_BAND = `query OutOfBand($filter: AuditEventFilter) {
  auditEvents(filter: $filter, first: 50) { totalCount edges { node { kind operation upstreamAction targetId upstreamRequestId actor { id type } stateBefore stateAfter } } }
}`;
const OU = `query Ou($id: ID!) { organizationalUnit(id: $id) { id name parent { id } } }`;
const OUTSIDE_KEY = 'AKIAOUTOFBANDTEST001';

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function sdk(endpoint: string, accessKeyId = OUTSIDE_KEY): OrganizationsClient {
  return new OrganizationsClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'secret' }, maxAttempts: 1 });
}

async function outOfBandResults(t: TestGateway) {
  const data = await t.data(OUT_OF_BAND, { filter: { origin: 'OUT_OF_BAND' } });
  return data.auditEvents.edges.map((e: any) => e.node) as Array<Record<string, any>>;
}

/** The OU as orgql serves it (from its mirror), or undefined while orgql does not know it. */
const ouIn = async (t: TestGateway, id: string) => (await t.graphql(OU, { id })).body.data?.organizationalUnit ?? undefined;

describe('a standalone emulator that sends its events to the gateway (--events-to)', () => {
  let emulator: RunningEmulator;
  let delivery: EventDelivery | undefined;
  let t: TestGateway;
  let outside: OrganizationsClient;
  let eventsKey: string;
  const eventsUrl = () => new URL('/events/organizations', t.gateway.url).toString();

  beforeAll(async () => {
    // The emulator needs the gateway's address and the gateway the emulator's: events wait for the delivery.
    emulator = await startEmulator({ port: 0, seed: 'demo', onEvent: (event) => delivery?.send(event) });
    t = await startTestGateway({ ORGQL_ORGANIZATIONS_ENDPOINT: emulator.url });
    eventsKey = await t.keyFor('events', 'eventbridge');
    delivery = createEventDelivery({ url: eventsUrl(), headers: { authorization: `Bearer ${eventsKey}` }, logger: pino({ level: 'silent' }) });
    await mirrorSettled(t.gateway);
    outside = sdk(emulator.url);
  });
  afterAll(async () => {
    outside.destroy();
    await emulator.close();
    await delivery?.close();
    await t.close();
  });

  it('shows an OU created with the SDK directly within 1 s, and records it once as OUT_OF_BAND with the caller key', async () => {
    const started = Date.now();
    const created = await outside.send(new CreateOrganizationalUnitCommand({ ParentId: 'r-demo', Name: 'made-outside' }));
    const id = created.OrganizationalUnit!.Id!;
    const ou = await until('the OU in the mirror', () => ouIn(t, id));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(ou).toEqual({ id, name: 'made-outside', parent: { id: 'r-demo' } });

    const [record] = await until('the out-of-band record', async () => {
      const results = await outOfBandResults(t);
      return results.length > 0 ? results : undefined;
    });
    expect(record).toMatchObject({
      kind: 'OBSERVATION',
      operation: 'outOfBandChange',
      upstreamAction: 'CreateOrganizationalUnit',
      targetId: id,
      upstreamRequestId: created.$metadata.requestId,
      actor: { id: OUTSIDE_KEY, type: 'AWS' },
    });
    expect(record!.stateAfter).toEqual(
      expect.arrayContaining([{ ref: { kind: 'ORGANIZATIONAL_UNIT', id }, state: expect.objectContaining({ name: 'made-outside' }) }]),
    );

    // The same change seen again by a full refresh is no difference: still one record.
    await t.gateway.mirror.sync();
    await delivery!.idle();
    expect((await outOfBandResults(t)).filter((r) => r.targetId === id)).toHaveLength(1);
    const { auditEvents } = await t.data(OUT_OF_BAND, { filter: { origin: 'OUT_OF_BAND', targetId: id } });
    expect(auditEvents.totalCount).toBe(1);
  });

  it("does not list a change made through orgql's GraphQL as out-of-band", async () => {
    const made = await t.data(`mutation { createOrganizationalUnit(parentId: "r-demo", name: "made-by-orgql") { organizationalUnit { id } } }`);
    const ownId = made.createOrganizationalUnit.organizationalUnit.id;
    await delivery!.idle(); // its event was applied (the gateway answered it)
    // A later change from outside is recorded after the echo was judged (drift is recorded in order).
    const later = await outside.send(new TagResourceCommand({ ResourceId: 'r-demo', Tags: [{ Key: 'after', Value: 'orgql' }] }));
    await until('the later out-of-band record', async () =>
      (await outOfBandResults(t)).some((r) => r.upstreamRequestId === later.$metadata.requestId) ? true : undefined,
    );
    const results = await outOfBandResults(t);
    expect(results.filter((r) => r.targetId === ownId)).toEqual([]);
    expect(results.map((r) => r.upstreamAction)).toEqual(['TagResource', 'CreateOrganizationalUnit']);
  });

  it('refuses a malformed or foreign event with 400 and a stable code, changing nothing', async () => {
    const before = t.gateway.mirror.status().version;
    const post = (body: string, contentType = 'application/json') =>
      fetch(eventsUrl(), { method: 'POST', headers: { authorization: `Bearer ${eventsKey}`, 'content-type': contentType }, body });
    const foreign = await post(JSON.stringify({ source: 'aws.ec2', 'detail-type': 'EC2 Instance State-change Notification', detail: {} }));
    expect({ status: foreign.status, body: await foreign.json() }).toMatchObject({ status: 400, body: { error: 'FOREIGN_EVENT' } });
    const broken = await post(
      JSON.stringify({ source: 'aws.organizations', 'detail-type': 'AWS API Call via CloudTrail', detail: { eventName: 'AttachPolicy' } }),
    );
    expect({ status: broken.status, body: await broken.json() }).toMatchObject({ status: 400, body: { error: 'MALFORMED_EVENT' } });
    const notJson = await post('{"source": "aws.organizations",');
    expect({ status: notJson.status, body: await notJson.json() }).toMatchObject({ status: 400, body: { error: 'MALFORMED_EVENT' } });
    const text = await post('hello', 'text/plain');
    expect({ status: text.status, body: await text.json() }).toMatchObject({ status: 400, body: { error: 'MALFORMED_EVENT' } });
    expect(t.gateway.mirror.status().version).toBe(before);
  });

  it('refuses a whole batch when one of its events is malformed', async () => {
    const before = t.gateway.mirror.status().version;
    const detail = {
      eventVersion: '1.09',
      userIdentity: {},
      eventTime: '2026-12-01T00:00:00Z',
      eventSource: 'organizations.amazonaws.com',
      eventName: 'TagResource',
      awsRegion: 'us-east-1',
      requestParameters: { resourceId: 'r-demo', tags: [] },
      responseElements: null,
      eventID: 'e1',
      eventType: 'AwsApiCall',
    };
    const valid = {
      version: '0',
      id: 'x',
      'detail-type': 'AWS API Call via CloudTrail',
      source: 'aws.organizations',
      account: '111111111111',
      time: '2026-12-01T00:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail,
    };
    const response = await fetch(eventsUrl(), {
      method: 'POST',
      headers: { authorization: `Bearer ${eventsKey}`, 'content-type': 'application/json' },
      body: JSON.stringify([valid, { ...valid, detail: { ...detail, requestParameters: {} } }]),
    });
    expect({ status: response.status, body: await response.json() }).toMatchObject({ status: 400, body: { error: 'MALFORMED_EVENT', index: 1 } });
    expect(t.gateway.mirror.status().version).toBe(before);
    const single = await fetch(eventsUrl(), {
      method: 'POST',
      headers: { authorization: `Bearer ${eventsKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(valid),
    });
    expect({ status: single.status, body: await single.json() }).toMatchObject({
      status: 200,
      body: { accepted: 1, results: [{ eventName: 'TagResource', action: 'REFRESHED' }] },
    });
  });

  it('lets role events post events but not query GraphQL, and refuses other roles and anonymous callers', async () => {
    const graphql = await t.graphql('{ organization { id } }', {}, { authorization: `Bearer ${eventsKey}` });
    expect(graphql.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const post = (authorization?: string) =>
      fetch(eventsUrl(), { method: 'POST', headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/json' }, body: '{}' });
    expect((await post(`Bearer ${await t.keyFor('viewer')}`)).status).toBe(403);
    expect((await post(`Bearer ${await t.keyFor('auditor')}`)).status).toBe(403);
    expect((await post()).status).toBe(401);
    // Past authentication, an empty object is a malformed event, for the events role and the admin alike.
    expect((await post(`Bearer ${eventsKey}`)).status).toBe(400);
    expect((await post(`Bearer ${t.adminKey}`)).status).toBe(400);
  });
});

describe('the embedded emulator of npm start', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
    await mirrorSettled(t.gateway);
  });
  afterAll(() => t.close());

  it('feeds its gateway the same events: a direct SDK change shows up and is recorded, an orgql mutation is not', async () => {
    const own = await t.data(`mutation { createOrganizationalUnit(parentId: "r-demo", name: "embedded-own") { organizationalUnit { id } } }`);
    const ownId = own.createOrganizationalUnit.organizationalUnit.id;
    const client = sdk(t.gateway.emulatorUrl!, 'AKIAEMBEDDEDOUTSIDE1');
    const started = Date.now();
    const created = await client.send(new CreateOrganizationalUnitCommand({ ParentId: 'r-demo', Name: 'embedded-outside' }));
    client.destroy();
    const id = created.OrganizationalUnit!.Id!;
    await until('the OU in the mirror', () => ouIn(t, id));
    expect(Date.now() - started).toBeLessThan(1000);
    const results = await until('the out-of-band record', async () => {
      const found = await outOfBandResults(t);
      return found.length > 0 ? found : undefined;
    });
    expect(results.map((r) => [r.upstreamAction, r.targetId, r.actor.id])).toEqual([['CreateOrganizationalUnit', id, 'AKIAEMBEDDEDOUTSIDE1']]);
    expect(results.some((r) => r.targetId === ownId)).toBe(false);
  });

  it("takes the completion of an account orgql created (CreateAccountResult) as orgql's own change", async () => {
    const created = await t.data(`mutation { createAccount(email: "events-own@example.com", accountName: "Events own") { createAccountStatus { id } } }`);
    const carId = created.createAccount.createAccountStatus.id;
    const accountId = await until('the account creation to complete', async () => {
      const status = await t.graphql(`query S($id: ID!) { createAccountStatus(id: $id) { state accountId } }`, { id: carId });
      return status.body.data?.createAccountStatus?.accountId ?? undefined;
    });
    await until(
      'the new account in the mirror',
      async () => (await t.graphql(`query A($id: ID!) { account(id: $id) { id } }`, { id: accountId })).body.data?.account ?? undefined,
    );
    // A later outside change is recorded after the completion event was judged (drift is recorded in order).
    const client = sdk(t.gateway.emulatorUrl!, 'AKIAEMBEDDEDOUTSIDE2');
    const later = await client.send(new TagResourceCommand({ ResourceId: 'r-demo', Tags: [{ Key: 'after', Value: 'account' }] }));
    client.destroy();
    await until('the later out-of-band record', async () =>
      (await outOfBandResults(t)).some((r) => r.upstreamRequestId === later.$metadata.requestId) ? true : undefined,
    );
    expect((await outOfBandResults(t)).map((r) => r.upstreamAction)).not.toContain('CreateAccountResult');
  });
});
