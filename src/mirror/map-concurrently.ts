/**
 * Maps with at most `limit` calls in flight; the first failure rejects (a sync is all or nothing).
 * The upstream client paces calls to AWS's rates; this only bounds what is queued at once.
 */
export async function mapConcurrently<In, Out>(items: readonly In[], limit: number, fn: (item: In) => Promise<Out>): Promise<Out[]> {
  const results = new Array<Out>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failed) {
      const index = next++;
      try {
        results[index] = await fn(items[index]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
