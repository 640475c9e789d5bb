import { useEffect, useState } from 'preact/hooks';

/** The console's own history-API router: a handful of routes need no library. */
export interface Location {
  readonly path: string;
  readonly search: URLSearchParams;
}

const listeners = new Set<() => void>();

function current(): Location {
  return { path: window.location.pathname.replace(/\/+$/, '') || '/', search: new URLSearchParams(window.location.search) };
}

function notify(): void {
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', notify);

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const listener = () =>
      setLocation((previous) => {
        const next = current();
        return next.path === previous.path && next.search.toString() === previous.search.toString() ? previous : next;
      });
    listeners.add(listener);
    // A child's effect may have navigated before this one subscribed (effects run children first).
    listener();
    return () => void listeners.delete(listener);
  }, []);
  return location;
}

/** `/console/accounts/:id` against a path: the parameters, or null. */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const part = want[i]!;
    const value = got[i]!;
    if (part.startsWith(':')) {
      if (value === '') return null;
      params[part.slice(1)] = decodeURIComponent(value);
    } else if (part !== value) return null;
  }
  return params;
}
