import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createService } from './create-service';
import type { EmulatorOptions } from './create-service';
import { createRequestHandler, type FrontOptions } from './http-front';
import type { EmulatorStats } from './stats';

/** Starts the HTTP emulator; the only place in src/emulator that opens a socket. */
export interface RunningEmulator {
  url: string;
  port: number;
  stats(): EmulatorStats;
  /** The organization as a state document (state-document.ts), for saving it. */
  serialize(): string;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface StartOptions extends EmulatorOptions {
  port?: number;
  host?: string;
  /** Receives an EventBridge event after every successful mutating call (see http-front.ts). */
  onEvent?: FrontOptions['onEvent'];
}

export async function startEmulator(options: StartOptions): Promise<RunningEmulator> {
  const { service, stats, serialize } = createService(options);
  const latencyMs = options.latencyMs ?? 0;
  if (!(latencyMs >= 0)) throw new Error(`latencyMs must be >= 0, got ${latencyMs}`);
  const server = createServer(
    createRequestHandler({ service, stats, latencyMs, maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, onEvent: options.onEvent }),
  );
  // Malformed HTTP never reaches the handler; answer it and keep serving.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    stats: () => stats.snapshot(),
    serialize,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
