import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ConfigError } from './config';

/** A GraphQL error as the gateway answers it. */
interface AnsweredError {
  readonly message: string;
  readonly extensions?: { readonly code?: string };
}

/** An error the gateway answered (its code and message), as the CLI reports it. */
export class GatewayAnswerError extends Error {
  override readonly name = 'GatewayAnswerError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The CLI's way to a running gateway: GraphQL and the export route with the key in ORGQL_API_KEY.
 * Used when the gateway holds the embedded database, which no second process may open.
 */
export class GatewayClient {
  constructor(
    readonly url: string,
    private readonly apiKey: string | undefined,
  ) {}

  private headers(): Record<string, string> {
    if (!this.apiKey) {
      throw new ConfigError([
        `ORGQL_API_KEY: the gateway at ${this.url} holds the embedded database, so this command asks it over HTTP; set ORGQL_API_KEY to an API key it accepts (admin for apikey, auditor or admin for audit)`,
      ]);
    }
    return { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json' };
  }

  async graphql<Data>(query: string, variables: Record<string, unknown> = {}): Promise<Data> {
    const response = await fetch(new URL('/graphql', this.url), { method: 'POST', headers: this.headers(), body: JSON.stringify({ query, variables }) });
    const body = (await response.json().catch(() => ({}))) as { data?: Data; errors?: AnsweredError[] };
    const error = body.errors?.[0];
    if (error || response.status !== 200 || !body.data) {
      throw this.answerError(error?.extensions?.code ?? `HTTP_${response.status}`, error?.message ?? `HTTP ${response.status}`);
    }
    return body.data;
  }

  /** POST to one of the gateway's admin routes (no body) and read its JSON answer. */
  async post<Answer>(routePath: string): Promise<Answer> {
    const response = await fetch(new URL(routePath, this.url), { method: 'POST', headers: { authorization: this.headers().authorization } });
    const body = (await response.json().catch(() => ({}))) as Answer & { errors?: AnsweredError[] };
    const error = body.errors?.[0];
    if (error || !response.ok) throw this.answerError(error?.extensions?.code ?? `HTTP_${response.status}`, error?.message ?? `HTTP ${response.status}`);
    return body;
  }

  /** GET a route that streams its answer (the audit export). */
  async stream(pathAndQuery: string): Promise<Readable> {
    const response = await fetch(new URL(pathAndQuery, this.url), { headers: this.headers() });
    if (!response.ok || !response.body) {
      const body = (await response.json().catch(() => ({}))) as { errors?: AnsweredError[]; problems?: string[] };
      const error = body.errors?.[0];
      throw this.answerError(error?.extensions?.code ?? `HTTP_${response.status}`, error?.message ?? body.problems?.join('; ') ?? `HTTP ${response.status}`);
    }
    return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  }

  private answerError(code: string, message: string): Error {
    if (code === 'UNAUTHENTICATED') return new ConfigError([`ORGQL_API_KEY: the gateway at ${this.url} refused it (${message})`]);
    if (code === 'FORBIDDEN') return new ConfigError([`ORGQL_API_KEY: ${message}`]);
    return new GatewayAnswerError(code, message);
  }
}
