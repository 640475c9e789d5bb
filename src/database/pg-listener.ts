import { Client } from 'pg';

/**
 * LISTEN on a channel over a connection of its own, reconnecting after a drop (notifications sent
 * while disconnected are lost, so callers also poll now and then).
 */
export async function listenOn(
  connectionString: string,
  channel: string,
  onPayload: (payload: string) => void,
  retryMs = 1000,
): Promise<{ close(): Promise<void> }> {
  let client: Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString, application_name: 'orgql-listen' });
    next.on('notification', (message) => {
      if (message.channel === channel) onPayload(message.payload ?? '');
    });
    next.on('error', () => {
      if (client === next) reconnectLater();
    });
    await next.connect();
    await next.query(`LISTEN ${JSON.stringify(channel)}`);
    client = next;
  };
  const reconnectLater = () => {
    const old = client;
    client = undefined;
    void old?.end().catch(() => undefined);
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void connect().catch(reconnectLater), retryMs);
    timer.unref();
  };
  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
