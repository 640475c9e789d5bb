/**
 * Maps with at most `limit` calls in flight and settles every item (a DataLoader batch answers each
 * key with its value or its own error). AWS Organizations throttles per account and per operation
 * (a few calls per second), so a batch of hundreds of keys must not be fired at once.
 */
export async function mapConcurrently<In, Out>(items: readonly In[], limit: number, fn: (item: In) => Promise<Out>): Promise<Array<Out | Error>> {
  const results = new Array<Out | Error>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index]!);
      } catch (error) {
        results[index] = error instanceof Error ? error : new Error(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
