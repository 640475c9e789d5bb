/**
 * Collects every page of an Organizations List call. AWS documents that a page may be empty while
 * NextToken is still set, so only a missing token ends the loop; a token seen twice is a broken
 * upstream and stops the loop instead of spinning forever.
 */
export async function collectPages<Page extends { NextToken?: string | undefined }, Item>(
  fetchPage: (nextToken: string | undefined) => Promise<Page>,
  itemsOf: (page: Page) => readonly Item[] | undefined,
): Promise<Item[]> {
  const items: Item[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    items.push(...(itemsOf(page) ?? []));
    token = page.NextToken || undefined;
    if (token !== undefined) {
      if (seen.has(token)) throw new Error(`Upstream returned the same NextToken twice: ${token.slice(0, 32)}`);
      seen.add(token);
    }
  } while (token !== undefined);
  return items;
}
