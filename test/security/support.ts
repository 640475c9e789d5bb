import { startGatewayUnderTest, type GatewayUnderTest } from '../support/gateway-harness';
export { databaseEnv } from '../support/test-database';

/** What the security tests look at in a GraphQL answer. */
export interface Answer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }> };
  text: string;
}

/** POSTs an operation; `authorization` is sent as given (undefined: no header at all). */
export async function post(
  url: string,
  authorization: string | undefined,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const all: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (authorization !== undefined) all.authorization = authorization;
  const response = await fetch(url, { method: 'POST', headers: all, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  let body: Answer['body'] = {};
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    // not JSON (413 pages, HTML): keep the text
  }
  return { status: response.status, headers: response.headers, body, text };
}

export const bearer = (token: string) => `Bearer ${token}`;

/** The error codes of an answer, in order. */
export const codesOf = (answer: Answer): string[] => (answer.body.errors ?? []).map((e) => String(e.extensions?.code));

/** Emulator calls so far (GET /_emulator/stats). */
export async function upstreamCalls(emulatorUrl: string | undefined): Promise<{ total: number; calls: Record<string, number> }> {
  if (!emulatorUrl) throw new Error('expected the embedded emulator');
  return (await (await fetch(`${emulatorUrl}/_emulator/stats`)).json()) as { total: number; calls: Record<string, number> };
}

/** The audit key id of an API key: `apikey:<keyId>` is its actor id. */
export const actorIdOfKey = (key: string) => `apikey:${key.split('_')[1]}`;

/** A real gateway on a fresh database that requires no bootstrap key (none is made when JWT is configured). */
export interface SecurityGateway extends GatewayUnderTest {
  readonly graphqlUrl: string;
  readonly url: string;
}

export async function startSecurityGateway(env: Record<string, string> = {}): Promise<SecurityGateway> {
  const base = await startGatewayUnderTest(env);
  return { ...base, graphqlUrl: base.gateway.graphqlUrl, url: base.gateway.url };
}
