import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateOrganizationalUnitCommand, ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import pino from 'pino';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { createEventDelivery, type EventDelivery } from '../../src/server/event-delivery';
import { spawnOrgql } from '../support/orgql-process';

/** A receiver that records what it gets and answers with the status `answer` picks. */
async function startReceiver(answer: (index: number) => number = () => 200) {
  const received: Array<{ headers: IncomingMessage['headers']; body: any }> = [];
  let calls = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = answer(calls++);
      if (status === 200) received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events/organizations`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function capturingLogger() {
  const lines: any[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

function sdkClient(emulator: RunningEmulator) {
  return new OrganizationsClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIADELIVERYTEST0001', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
}

describe('event delivery from the emulator (--events-to)', () => {
  let emulator: RunningEmulator | undefined;
  let delivery: EventDelivery | undefined;
  afterEach(async () => {
    await emulator?.close();
    await delivery?.close();
    emulator = undefined;
    delivery = undefined;
  });

  it('posts every change as JSON with the configured headers, in the order the changes happened', async () => {
    const receiver = await startReceiver();
    delivery = createEventDelivery({ url: receiver.url, headers: { authorization: 'Bearer events-key' }, logger: pino({ level: 'silent' }) });
    emulator = await startEmulator({ port: 0, seed: 'demo', onEvent: delivery.send });
    const client = sdkClient(emulator);
    const rootId = (await client.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    const outputs = [];
    for (let i = 0; i < 8; i += 1) outputs.push(await client.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: `d-${i}` })));
    client.destroy();
    await delivery.idle();
    expect(receiver.received.map((r) => r.body.detail.requestID)).toEqual(outputs.map((o) => o.$metadata.requestId));
    expect(receiver.received[0]!.headers).toMatchObject({ authorization: 'Bearer events-key', 'content-type': 'application/json' });
    expect(receiver.received[0]!.body.detail.userIdentity.accessKeyId).toBe('AKIADELIVERYTEST0001');
    await receiver.close();
  });

  it('retries a receiver that answers 5xx and keeps the order', async () => {
    const receiver = await startReceiver((index) => (index === 0 ? 503 : 200));
    delivery = createEventDelivery({ url: receiver.url, headers: {}, logger: pino({ level: 'silent' }) });
    emulator = await startEmulator({ port: 0, seed: 'demo', onEvent: delivery.send });
    const client = sdkClient(emulator);
    const rootId = (await client.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    await client.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'first' }));
    await client.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'second' }));
    client.destroy();
    await delivery.idle();
    expect(receiver.received.map((r) => r.body.detail.requestParameters.name)).toEqual(['first', 'second']);
    await receiver.close();
  });

  it('never fails the API call when the receiver is down, and logs that the event was not delivered', async () => {
    const receiver = await startReceiver();
    await receiver.close(); // nothing listens there any more
    const { logger, lines } = capturingLogger();
    delivery = createEventDelivery({ url: receiver.url, headers: {}, logger, attempts: 2 });
    emulator = await startEmulator({ port: 0, seed: 'demo', onEvent: delivery.send });
    const client = sdkClient(emulator);
    const rootId = (await client.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    const output = await client.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'nobody-listens' }));
    client.destroy();
    expect(output.OrganizationalUnit?.Id).toMatch(/^ou-/);
    await delivery.idle();
    expect(lines.find((l) => l.msg === 'event not delivered; giving up')).toMatchObject({ eventName: 'CreateOrganizationalUnit', attempts: 2 });
  });

  it('orgql emulator --events-to URL --events-header sends them from the command line', async () => {
    const receiver = await startReceiver();
    const proc = spawnOrgql([
      'emulator',
      '--port',
      '0',
      '--seed',
      'demo',
      '--events-to',
      receiver.url,
      '--events-header',
      'authorization: Bearer cli-events-key',
    ]);
    try {
      const line = await proc.waitForLog((l) => typeof l.url === 'string');
      expect(line.eventsTo).toBe(receiver.url);
      const client = sdkClient({ url: line.url } as RunningEmulator);
      const output = await client.send(new CreateOrganizationalUnitCommand({ ParentId: 'r-demo', Name: 'from-the-cli' }));
      client.destroy();
      const deadline = Date.now() + 5000;
      while (receiver.received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]!.headers.authorization).toBe('Bearer cli-events-key');
      expect(receiver.received[0]!.body.detail).toMatchObject({
        eventName: 'CreateOrganizationalUnit',
        requestID: output.$metadata.requestId,
        userIdentity: { accessKeyId: 'AKIADELIVERYTEST0001' },
        responseElements: { organizationalUnit: { id: output.OrganizationalUnit!.Id } },
      });
    } finally {
      expect(await proc.stop()).toBe(0);
      await receiver.close();
    }
  });
});
