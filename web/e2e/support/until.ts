import { CONTENT_TIMEOUT_MS } from './timeouts';

/**
 * Reads `read` until `ok` holds for what it returned (for conditions no single locator states, like
 * "every row of the table is an attachPolicy"); fails naming `what` and the last value read.
 */
export async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean = Boolean, timeoutMs = CONTENT_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last read: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
