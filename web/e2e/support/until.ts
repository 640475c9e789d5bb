import { CONTENT_TIMEOUT_MS } from './timeouts';

/**
 * Polls `probe` until it returns a value other than undefined (for conditions no single locator
 * states, like "every row of the table is an attachPolicy"); fails naming `what` and the last value seen.
 */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = CONTENT_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
