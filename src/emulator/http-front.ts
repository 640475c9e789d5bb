import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OrganizationsEvent } from '../domain/organizations-event';
import type { CallerInfo } from './cloudtrail-event';
import type { OrganizationsService } from './organizations-service';
import type { StatsCounter } from './stats';

/**
 * The node:http request handler: AWS JSON 1.1 on POST (any path; the SDK uses `/`), plus
 * GET /_emulator/stats and POST /_emulator/reset-stats. Every response carries x-amzn-RequestId.
 * Bodies over maxBodyBytes are refused with HTTP 413 and `__type` RequestEntityTooLargeException
 * (AWS's front ends answer oversized requests with 413 before the service sees them).
 */
export interface FrontOptions {
  service: OrganizationsService;
  stats: StatsCounter;
  latencyMs: number;
  maxBodyBytes: number;
  /**
   * Receives the EventBridge event of every successful mutating call, after its response was sent,
   * in the order the calls were served. Must not throw (delivery is the receiver's business).
   */
  onEvent?: ((event: OrganizationsEvent) => void) | undefined;
}

const JSON_TYPE = 'application/x-amz-json-1.1';

function send(res: ServerResponse, status: number, body: unknown, contentType = JSON_TYPE, requestId: string = randomUUID()): void {
  if (res.headersSent || res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(payload),
    'x-amzn-RequestId': requestId,
  });
  res.end(payload);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function createRequestHandler(options: FrontOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(options, req, res).catch(() => {
      send(res, 500, { __type: 'ServiceException', Message: 'Internal emulator error.' });
    });
  };
}

async function handle(options: FrontOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'GET' && path === '/_emulator/stats') {
    send(res, 200, options.stats.snapshot(), 'application/json');
    return;
  }
  if (req.method === 'POST' && path === '/_emulator/reset-stats') {
    req.resume();
    options.stats.reset();
    send(res, 200, options.stats.snapshot(), 'application/json');
    return;
  }
  if (req.method !== 'POST') {
    req.resume();
    send(res, 404, { __type: 'UnknownOperationException', Message: `${req.method ?? ''} ${path ?? ''} is not an operation.` });
    return;
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > options.maxBodyBytes) {
    res.setHeader('Connection', 'close');
    send(res, 413, tooLargeBody(options.maxBodyBytes));
    req.resume();
    return;
  }
  const body = await readBody(req, options.maxBodyBytes);
  if (body === 'too-large') {
    send(res, 413, tooLargeBody(options.maxBodyBytes));
    return;
  }
  if (options.latencyMs > 0) await sleep(options.latencyMs);
  const target = req.headers['x-amz-target'];
  const caller = options.onEvent ? callerOf(req) : undefined;
  const result = options.service.invoke(typeof target === 'string' ? target : undefined, body.toString('utf8'), caller);
  send(res, result.status, result.body, JSON_TYPE, caller?.requestId);
  for (const event of result.events ?? []) options.onEvent?.(event);
}

/**
 * The access key id is the first part of the SigV4 Credential scope:
 * `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261201/us-east-1/organizations/aws4_request, ...`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html). The emulator does
 * not verify signatures, so this says which key the caller used, not that it is valid.
 */
export function accessKeyIdOf(authorization: string | undefined): string | undefined {
  const match = /Credential=([^/\s,]{1,128})\//.exec(authorization ?? '');
  return match?.[1];
}

function callerOf(req: IncomingMessage): CallerInfo {
  const userAgent = req.headers['user-agent'];
  return {
    requestId: randomUUID(),
    accessKeyId: accessKeyIdOf(req.headers.authorization),
    sourceIp: req.socket.remoteAddress,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 1024) : undefined,
  };
}

function tooLargeBody(max: number): Record<string, string> {
  return { __type: 'RequestEntityTooLargeException', Message: `The request body exceeds ${max} bytes.` };
}
