import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { execute, GatewayError } from '../graphql/client';
import type { AuditEventFilter, ConsoleAuditEventsQuery } from '../gql/graphql';
import { useSession } from '../session/session';
import { AuditEventsQuery } from './audit-query';

export type AuditRow = ConsoleAuditEventsQuery['auditEvents']['edges'][number]['node'];

export const PAGE_SIZE = 50;

interface Pages {
  /** One array per page fetched: a page already shown is never rebuilt, so the table re-renders only the new one. */
  readonly pages: ReadonlyArray<readonly AuditRow[]>;
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  readonly loading: boolean;
  readonly error: GatewayError | undefined;
}

/**
 * The timeline, newest first, a page at a time by the connection's cursors (never offsets: the
 * gateway seeks by sequence, so page 2,000 of 100,000 events costs what page 1 does).
 */
export function useAuditPages(filter: AuditEventFilter): Pages & { loadMore(): void } {
  const session = useSession();
  const key = JSON.stringify(filter);
  const [pages, setPages] = useState<Pages>({ pages: [], endCursor: null, hasNextPage: false, loading: true, error: undefined });
  const inFlight = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    (after: string | null) => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setPages((previous) => ({ ...previous, loading: true, error: undefined }));
      execute(AuditEventsQuery, { filter: JSON.parse(key) as AuditEventFilter, first: PAGE_SIZE, after }, session.credential, controller.signal).then(
        ({ auditEvents }) => {
          if (controller.signal.aborted) return;
          setPages((previous) => ({
            pages: [...(after === null ? [] : previous.pages), auditEvents.edges.map((edge) => edge.node)],
            endCursor: auditEvents.pageInfo.endCursor ?? null,
            hasNextPage: auditEvents.pageInfo.hasNextPage,
            loading: false,
            error: undefined,
          }));
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const failure = error instanceof GatewayError ? error : new GatewayError(String(error), 'INTERNAL_SERVER_ERROR');
          if (failure.code === 'UNAUTHENTICATED') session.signOut('The gateway refused this key: sign in again.');
          setPages((previous) => ({ ...previous, loading: false, error: failure }));
        },
      );
    },
    [key, session],
  );

  // A new filter starts again from the newest event.
  useEffect(() => {
    setPages({ pages: [], endCursor: null, hasNextPage: false, loading: true, error: undefined });
    fetchPage(null);
    return () => inFlight.current?.abort();
  }, [fetchPage]);

  const loadMore = useCallback(() => {
    if (pages.loading || !pages.hasNextPage) return;
    fetchPage(pages.endCursor);
  }, [pages, fetchPage]);

  return { ...pages, loadMore };
}
