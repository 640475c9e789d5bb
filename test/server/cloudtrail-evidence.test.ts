import { CreateOrganizationalUnitCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import pino from 'pino';
import { PrismaAuditLog } from '../../src/audit/prisma-audit-log';
import type { AuditEventRecord } from '../../src/domain/audit-log';
import type { OrganizationsEvent } from '../../src/domain/organizations-event';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { parametersMatch } from '../../src/server/call-evidence';
import { createEventDelivery, type EventDelivery } from '../../src/server/event-delivery';
import { mirrorSettled, startTestGateway, type TestGateway } from '../support/gateway-harness';
import { startUpstreamProxy, type UpstreamProxy } from '../support/upstream-proxy';

/**
 * Issue 11, item 1 with issue 10's events: the CloudTrail record of a call whose answer was lost is
 * decisive evidence. The emulator applies the change and sends its event; the proxy between the
 * gateway and the emulator drops the answer. The event settles the call, and is not out-of-band.
 */
const CREATE_OU = `mutation($name: String!) { createOrganizationalUnit(parentId: "r-demo", name: $name) { organizationalUnit { id } auditEventId } }`;
const OUT_OF_BAND = `{ auditEvents(filter: { origin: OUT_OF_BAND }, first: 50) { totalCount edges { node { kind upstreamAction actor { id } stateAfter } } } }`;

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('an Organizations event as the CloudTrail evidence of a call whose answer was lost', () => {
  let emulator: RunningEmulator;
  let proxy: UpstreamProxy;
  let delivery: EventDelivery | undefined;
  let t: TestGateway;
  let log: PrismaAuditLog;
  const sent: OrganizationsEvent[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      seed: 'demo',
      onEvent: (event) => {
        sent.push(event);
        delivery?.send(event);
      },
    });
    proxy = await startUpstreamProxy(emulator.url);
    // No background reconciliation and no grace: the test runs the gateway's reconciler when it wants.
    t = await startTestGateway({ ORGQL_ORGANIZATIONS_ENDPOINT: proxy.url, ORGQL_AUDIT_RECONCILE_INTERVAL_MS: '0', ORGQL_AUDIT_RECONCILE_GRACE_MS: '0' });
    const key = await t.keyFor('events', 'eventbridge');
    delivery = createEventDelivery({
      url: new URL('/events/organizations', t.gateway.url).toString(),
      headers: { authorization: `Bearer ${key}` },
      logger: pino({ level: 'silent' }),
    });
    await mirrorSettled(t.gateway);
    log = new PrismaAuditLog(t.gateway.database.prisma);
  });
  afterAll(async () => {
    await t.close();
    await delivery?.close();
    await proxy.close();
    await emulator.close();
  });

  it('settles the call SUCCEEDED citing the CloudTrail event, and does not list it as out-of-band', async () => {
    proxy.once('CreateOrganizationalUnit', 'drop');
    const { body } = await t.graphql(CREATE_OU, { name: 'answer-lost' });
    expect(proxy.answered('CreateOrganizationalUnit')).toBe(1); // the emulator applied it
    expect(body.errors![0]!.extensions).toMatchObject({ outcome: 'UNKNOWN', auditEventId: expect.any(String) });
    const intentId = body.errors![0]!.extensions!.auditEventId as string;
    const event = sent.find((e) => e.detail.eventName === 'CreateOrganizationalUnit' && e.detail.requestParameters?.name === 'answer-lost')!;
    expect(event).toBeDefined();
    const ouId = (event.detail.responseElements as { organizationalUnit: { id: string } }).organizationalUnit.id;

    const intent = (await log.get(intentId)) as AuditEventRecord;
    await until('the event taken as evidence of the call', () => t.gateway.audit.evidence.verdictFor(intent, null));
    const report = await t.gateway.audit.reconciler.runOnce();
    expect(report.resolved).toContainEqual(expect.objectContaining({ intentId, outcome: 'SUCCEEDED' }));

    const resolution = await log.resolutionOf(intentId);
    expect(resolution).toMatchObject({ kind: 'RESOLUTION', outcome: 'SUCCEEDED' });
    expect((await t.graphql('query($id: ID!) { organizationalUnit(id: $id) { name } }', { id: ouId })).body.data!.organizationalUnit).toEqual({
      name: 'answer-lost',
    });
    expect(resolution!.reconciliation).toContain(`CloudTrail event ${event.detail.eventID}`);
    expect(resolution!.reconciliation).toContain(`requestID ${event.detail.requestID}`);
    expect((await t.data(OUT_OF_BAND)).auditEvents.totalCount).toBe(0);
    expect((await t.graphql('{ verifyAuditChain { ok } }')).body.data!.verifyAuditChain.ok).toBe(true);
  });

  it('still records the same action made outside orgql afterwards as one out-of-band observation', async () => {
    const outside = new OrganizationsClient({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAEVIDENCEOUTSIDE1', secretAccessKey: 's' },
      maxAttempts: 1,
    });
    try {
      await outside.send(new CreateOrganizationalUnitCommand({ ParentId: 'r-demo', Name: 'made-outside' }));
    } finally {
      outside.destroy();
    }
    const listed = await until('the out-of-band record', async () => {
      const { auditEvents } = await t.data(OUT_OF_BAND);
      // The list and its count are read one after the other: wait for an answer with the row in both.
      return auditEvents.edges.length > 0 && auditEvents.totalCount > 0 ? auditEvents : undefined;
    });
    expect(listed.totalCount).toBe(1);
    expect(listed.edges[0].node).toMatchObject({ kind: 'OBSERVATION', upstreamAction: 'CreateOrganizationalUnit', actor: { id: 'AKIAEVIDENCEOUTSIDE1' } });
  });
});

describe('matching an event to an intent by its parameters', () => {
  const intent = (args: Record<string, unknown>) => ({ arguments: args }) as unknown as AuditEventRecord;

  it('matches when every parameter both name agrees, and at least one is compared', () => {
    expect(parametersMatch(intent({ parentId: 'r-demo', name: 'a', tags: [] }), { parentId: 'r-demo', name: 'a' })).toBe(true);
    expect(parametersMatch(intent({ input: { policyId: 'p-1', targetId: 'ou-1' } }), { policyId: 'p-1', targetId: 'ou-1' })).toBe(true);
  });

  it('does not match another name, nothing in common, or an event without parameters', () => {
    expect(parametersMatch(intent({ parentId: 'r-demo', name: 'a' }), { parentId: 'r-demo', name: 'b' })).toBe(false);
    expect(parametersMatch(intent({ rootId: 'r-demo' }), { policyId: 'p-1' })).toBe(false);
    expect(parametersMatch(intent({ rootId: 'r-demo' }), null)).toBe(false);
  });
});
