import { useEffect, useRef } from 'preact/hooks';
import { Link } from '../router/link';
import { nodePath, paths } from '../router/paths';
import { KindBadge, OutcomeBadge, OutOfBandBadge, OUT_OF_BAND_OPERATION } from './badges';
import type { AuditRow } from './use-audit-pages';

interface TimelineProps {
  readonly rows: readonly AuditRow[];
  readonly hasNextPage: boolean;
  readonly loading: boolean;
  loadMore(): void;
}

/** Newest first; scrolling near the end loads the next page (and a real button does the same for keyboards). */
export function Timeline({ rows, hasNextPage, loading, loadMore }: TimelineProps) {
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const target = sentinel.current;
    if (!target || !hasNextPage) return undefined;
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && loadMore(), { rootMargin: '600px' });
    observer.observe(target);
    return () => observer.disconnect();
  }, [hasNextPage, loadMore]);

  return (
    <>
      <div class="table-wrap">
        <table class="timeline">
          <caption>Audit events</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Target</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const outOfBand = row.operation === OUT_OF_BAND_OPERATION;
              return (
                <tr key={row.id} data-event-id={row.id} data-origin={outOfBand ? 'OUT_OF_BAND' : 'ORGQL'} class={outOfBand ? 'out-of-band' : undefined}>
                  <td>
                    <time dateTime={row.occurredAt}>{new Date(row.occurredAt).toLocaleString()}</time>
                  </td>
                  <td title={row.actor.id}>{row.actor.displayName ?? row.actor.id}</td>
                  <td>
                    <Link href={paths.auditEvent(row.id)}>{row.operation}</Link> <KindBadge kind={row.kind} />
                    {outOfBand && (
                      <>
                        {' '}
                        <OutOfBandBadge /> <span class="muted">{row.upstreamAction}</span>
                      </>
                    )}
                  </td>
                  <td>
                    {row.targetId ? (
                      /^(r-|ou-|\d{12}$)/.test(row.targetId) ? (
                        <Link href={nodePath(row.targetId)}>{row.targetId}</Link>
                      ) : (
                        <span class="mono">{row.targetId}</span>
                      )
                    ) : (
                      <span class="muted">—</span>
                    )}
                    {row.policyId && row.policyId !== row.targetId && (
                      <>
                        {' '}
                        <Link href={paths.policy(row.policyId)}>{row.policyId}</Link>
                      </>
                    )}
                  </td>
                  <td>
                    <OutcomeBadge outcome={row.outcome} />
                    {row.errorCode && <span class="muted"> {row.errorCode}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div ref={sentinel} />
      <p role="status" class="muted">
        {loading ? 'Loading…' : `Showing ${rows.length.toLocaleString()} events${hasNextPage ? ', more below' : ''}`}
      </p>
      {hasNextPage && (
        <button type="button" onClick={loadMore} disabled={loading}>
          Load more
        </button>
      )}
    </>
  );
}
