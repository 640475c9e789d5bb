import { useEffect } from 'preact/hooks';

/** `<Page> · orgql console` while the page is shown. */
export function usePageTitle(page: string): void {
  useEffect(() => {
    document.title = `${page} · orgql console`;
  }, [page]);
}
