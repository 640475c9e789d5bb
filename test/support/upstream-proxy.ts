import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does with a call to an operation (by X-Amz-Target's operation name):
 * - `drop`: forwards it, waits for upstream's answer, then resets the caller's connection: the call
 *   reached AWS and was applied, but the caller never hears so (a connection lost on the way back);
 * - `hold`: forwards it and never answers (the caller waits until it gives up or dies).
 * Anything without a rule is passed through.
 */
export type ProxyRule = 'drop' | 'hold';

export interface UpstreamProxy {
  readonly url: string;
  /** The rule for the next call of `operation` only (then calls pass again). */
  once(operation: string, rule: ProxyRule): void;
  /** Calls of each operation that upstream has answered (through this proxy). */
  answered(operation: string): number;
  close(): Promise<void>;
}

/** A real HTTP proxy in front of an Organizations endpoint (the emulator), for faults after the call reached it. */
export async function startUpstreamProxy(upstreamUrl: string): Promise<UpstreamProxy> {
  const rules = new Map<string, ProxyRule>();
  const answered = new Map<string, number>();
  const held = new Set<ServerResponse>();
  const target = new URL(upstreamUrl);

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation =
        String(req.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '';
      const rule = rules.get(operation);
      if (rule) rules.delete(operation);
      const forward = httpRequest(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
        (upstream) => {
          const body: Buffer[] = [];
          upstream.on('data', (c: Buffer) => body.push(c));
          upstream.on('end', () => {
            answered.set(operation, (answered.get(operation) ?? 0) + 1);
            if (rule === 'drop') return void req.socket.destroy();
            if (rule === 'hold') return void held.add(res);
            res.writeHead(upstream.statusCode ?? 502, upstream.headers);
            res.end(Buffer.concat(body));
          });
        },
      );
      forward.on('error', () => req.socket.destroy());
      forward.end(Buffer.concat(chunks));
    });
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    once: (operation, rule) => void rules.set(operation, rule),
    answered: (operation) => answered.get(operation) ?? 0,
    close: async () => {
      for (const res of held) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
