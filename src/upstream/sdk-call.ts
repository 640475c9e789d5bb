import { toOrgqlError } from './error-mapping';

interface RetriedError {
  $metadata?: { attempts?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

/**
 * Runs one SDK call (with its retries, see client-factory.ts) and translates any failure into an
 * OrgqlError. A throttling failure that outlived the retry budget tells the caller how long to wait:
 * the upstream's Retry-After when it sends one, otherwise the backoff the SDK would have used next
 * (1 s doubled per attempt already made, capped at the SDK's 20 s maximum delay).
 */
export async function callUpstream<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw toOrgqlError(error, retryAfterSeconds(error));
  }
}

function retryAfterSeconds(error: unknown): number {
  const e = (error ?? {}) as RetriedError;
  const header = Number(e.$response?.headers?.['retry-after']);
  if (Number.isFinite(header) && header > 0) return Math.ceil(header);
  const attempts = Math.max(1, e.$metadata?.attempts ?? 1);
  return Math.min(20, 2 ** (attempts - 1));
}
