import { toOrgqlError } from './error-mapping';

/**
 * Runs one port operation (one SDK call, or several for the pages of a list) and makes sure any
 * failure leaves as an OrgqlError. The SDK calls themselves are paced, retried and translated by
 * the client's middleware (paced-send.ts); what remains here are failures of our own code around
 * them (a broken page token, an answer missing a member).
 */
export async function callUpstream<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw toOrgqlError(error);
  }
}
