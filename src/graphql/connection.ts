import { OrgqlError } from '../domain/errors';

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/**
 * Relay cursor connection over a list the gateway has read in full (upstream pages are at most 20
 * items and their tokens cannot be resumed from an arbitrary item, and totalCount needs the whole
 * list anyway). The cursor names the item, not its offset, so a page boundary stays put when items
 * before it disappear between two requests.
 */
export function toConnection<T>(items: readonly T[], idOf: (item: T) => string, args: { first?: number | null; after?: string | null }): Connection<T> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new OrgqlError('BAD_USER_INPUT', `first must be an integer from 0 to ${MAX_PAGE_SIZE}.`, { argument: 'first' });
  }
  let start = 0;
  if (args.after) {
    const afterId = decodeCursor(args.after);
    const index = items.findIndex((item) => idOf(item) === afterId);
    if (index < 0) throw new OrgqlError('BAD_USER_INPUT', 'The cursor in after does not name an item of this list (any more).', { argument: 'after' });
    start = index + 1;
  }
  const page = items.slice(start, start + first);
  const edges = page.map((node) => ({ cursor: encodeCursor(idOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: start + page.length < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: items.length,
  };
}

const PREFIX = 'orgql:';

export function encodeCursor(id: string): string {
  return Buffer.from(PREFIX + id, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX)) throw new OrgqlError('BAD_USER_INPUT', 'after is not a cursor returned by this API.', { argument: 'after' });
  return text.slice(PREFIX.length);
}
