import { invalidInput } from './aws-error';

/**
 * Paging for every List operation (§d "Pagination", §e "Paging"): at most MaxResults items (model
 * range 1-20, default 20), NextToken only while more remain. The token is opaque base64url JSON holding
 * the operation, a fingerprint of the request's other parameters, the id of the last item returned and
 * its offset. Resuming after that id keeps each item exactly once even if earlier items were deleted
 * between pages; the offset is only a fallback when the item itself vanished.
 * A token that does not decode, or belongs to another operation or other parameters, is refused
 * with InvalidInputException INVALID_NEXT_TOKEN (the model's enum spelling).
 */
export const DEFAULT_MAX_RESULTS = 20;

interface TokenBody {
  op: string;
  fp: string;
  last: string;
  off: number;
}

export interface PageRequest {
  op: string;
  /** The request parameters other than NextToken/MaxResults, e.g. `ParentId|ChildType`. */
  fingerprint: string;
  nextToken?: unknown;
  maxResults?: unknown;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

function badToken(): Error {
  return invalidInput('INVALID_NEXT_TOKEN', 'The provided NextToken is not valid.');
}

function decode(token: string): TokenBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badToken();
  }
  const body = parsed as Partial<TokenBody> | null;
  if (
    typeof body !== 'object' ||
    body === null ||
    typeof body.op !== 'string' ||
    typeof body.fp !== 'string' ||
    typeof body.last !== 'string' ||
    typeof body.off !== 'number' ||
    !Number.isInteger(body.off) ||
    body.off < 0
  ) {
    throw badToken();
  }
  return body as TokenBody;
}

export function paginate<T>(items: readonly T[], idOf: (item: T) => string, request: PageRequest): Page<T> {
  const limit = typeof request.maxResults === 'number' ? request.maxResults : DEFAULT_MAX_RESULTS;
  let start = 0;
  if (typeof request.nextToken === 'string' && request.nextToken !== '') {
    const token = decode(request.nextToken);
    if (token.op !== request.op || token.fp !== request.fingerprint) throw badToken();
    const lastIndex = items.findIndex((item) => idOf(item) === token.last);
    start = lastIndex >= 0 ? lastIndex + 1 : Math.min(token.off, items.length);
  }
  const pageItems = items.slice(start, start + limit);
  const end = start + pageItems.length;
  const last = pageItems[pageItems.length - 1];
  if (end >= items.length || last === undefined) return { items: pageItems };
  const body: TokenBody = { op: request.op, fp: request.fingerprint, last: idOf(last), off: end };
  return { items: pageItems, nextToken: Buffer.from(JSON.stringify(body), 'utf8').toString('base64url') };
}

/** The List output body: the items under the operation's result key, plus NextToken while more remain. */
export function pageOutput<T>(resultKey: string, page: Page<T>): Record<string, unknown> {
  return { [resultKey]: page.items, ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}) };
}
