import { nodeIdKind } from '../domain/node-id';
import type { GraphQLContext } from './context';
import type { OrgNode } from './org/org-node';

const ATTEMPTS = 3;

/** Memoises an async read: one upstream call however many places need its answer. */
export function once<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => (pending ??= read());
}

/**
 * A payload read after a change that succeeded. The change is done and recorded SUCCEEDED, so its
 * answer must not become an error (issue 11 item 3): the read is tried a few times (a throttled
 * reload clears within seconds), and then the fallback (what the change's own response or the
 * evidence read before it said) is returned instead.
 */
export async function payloadRead<T>(ctx: GraphQLContext, read: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      ctx.logger.warn({ err: error, attempt }, 'payload of a successful change could not be read');
      if (attempt >= ATTEMPTS) break;
      ctx.loaders.clearAll();
      await new Promise((resolve) => setTimeout(resolve, 100 * 4 ** attempt));
    }
  }
  return fallback();
}

/**
 * The last resort for a root, OU or account that could not be read back: what the change itself
 * tells, its id (its other fields are empty, not guessed). Reads from the org mirror (issue 10) make
 * this path unreachable in practice.
 */
export function nodeStub(id: string): OrgNode {
  const base = { id, arn: '', name: '', ancestorIds: undefined };
  switch (nodeIdKind(id)) {
    case 'ROOT':
      return { ...base, policyTypes: [] };
    case 'ORGANIZATIONAL_UNIT':
      return base;
    default:
      return { ...base, email: '', state: undefined, joinedMethod: undefined, joinedAt: undefined };
  }
}
