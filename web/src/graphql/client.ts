import type { TypedDocumentString } from '../gql/graphql';

export const GRAPHQL_PATH = '/graphql';

/** An error answered by the gateway: its stable code (FORBIDDEN, ACKNOWLEDGEMENT_REQUIRED, ...) and extensions. */
export class GatewayError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

interface GraphQLAnswer<Result> {
  data?: Result | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

function errorFrom(error: { message: string; extensions?: Record<string, unknown> }): GatewayError {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR';
  return new GatewayError(error.message, code, error.extensions ?? {});
}

/**
 * Sends one typed operation with the caller's credential. Any error in the answer is thrown as a
 * GatewayError (the console asks only for fields the caller's role may read, so a partial answer is a failure).
 */
export async function execute<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
  credential: string,
  signal?: AbortSignal,
): Promise<Result> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${credential}` },
      body: JSON.stringify({ query: document.toString(), variables }),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new GatewayError('The gateway could not be reached.', 'NETWORK_ERROR');
  }
  let answer: GraphQLAnswer<Result>;
  try {
    answer = (await response.json()) as GraphQLAnswer<Result>;
  } catch {
    throw new GatewayError(`The gateway answered ${response.status} without a GraphQL body.`, response.status === 401 ? 'UNAUTHENTICATED' : 'BAD_RESPONSE');
  }
  const first = answer.errors?.[0];
  if (first) throw errorFrom(first);
  if (!answer.data) throw new GatewayError(`The gateway answered ${response.status} without data.`, 'BAD_RESPONSE');
  return answer.data;
}
