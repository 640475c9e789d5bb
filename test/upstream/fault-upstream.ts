import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fault upstream does with one request (after reading its body). */
export type FaultAnswer =
  /** Keep the connection open and never answer: a frozen upstream. */
  | { readonly kind: 'freeze' }
  /** Destroy the connection without answering: a reset after the request arrived. */
  | { readonly kind: 'reset' }
  | { readonly kind: 'answer'; readonly status: number; readonly body: unknown }
  /** Forward to `forwardTo` and relay its answer. */
  | { readonly kind: 'pass' }
  /** Forward to `forwardTo` (the change happens there), then drop the connection: the answer is lost. */
  | { readonly kind: 'pass-then-reset' }
  /** A body that is not the JSON it claims to be. */
  | { readonly kind: 'text'; readonly status: number; readonly text: string };

export interface FaultUpstream {
  readonly url: string;
  /** Requests that reached the server, per X-Amz-Target operation. */
  readonly requests: Record<string, number>;
  close(): Promise<void>;
}

export const throttled: FaultAnswer = {
  kind: 'answer',
  status: 400,
  body: { __type: 'TooManyRequestsException', message: 'Rate exceeded.', Type: 'RateLimitExceeded' },
};

/**
 * A real HTTP endpoint on 127.0.0.1 whose answers a test chooses per request (`answer(operation, n)`,
 * n = 1 for the operation's first request), for the faults the emulator does not produce: a frozen
 * upstream, a connection reset after the request was received, scripted throttling. With
 * `forwardTo` (an emulator), `pass` answers relay the real service, so a test can break one call of
 * a real flow, including after the change was applied (`pass-then-reset`).
 */
export async function startFaultUpstream(answer: (operation: string, n: number) => FaultAnswer, forwardTo?: string): Promise<FaultUpstream> {
  const requests: Record<string, number> = {};
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const operation =
        String(req.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '';
      const n = (requests[operation] = (requests[operation] ?? 0) + 1);
      const action = answer(operation, n);
      if (action.kind === 'freeze') return;
      if (action.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (action.kind === 'pass' || action.kind === 'pass-then-reset') {
        if (!forwardTo) throw new Error('a pass answer needs forwardTo');
        const headers = Object.fromEntries(['x-amz-target', 'content-type', 'authorization'].map((h) => [h, String(req.headers[h] ?? '')]));
        const forwarded = await fetch(`${forwardTo}/`, { method: 'POST', headers, body: Buffer.concat(chunks) });
        const text = await forwarded.text();
        if (action.kind === 'pass-then-reset') {
          req.socket.destroy();
          return;
        }
        res.writeHead(forwarded.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': forwarded.headers.get('x-amzn-requestid') ?? '' });
        res.end(text);
        return;
      }
      res.writeHead(action.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `fault-${operation}-${n}` });
      res.end(action.kind === 'text' ? action.text : JSON.stringify(action.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
