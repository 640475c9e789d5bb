import { Component } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Link } from '../router/link';
import { nodePath, paths } from '../router/paths';
import { KindBadge, OutcomeBadge, OutOfBandBadge, OUT_OF_BAND_OPERATION } from './badges';
import type { AuditRow } from './use-audit-pages';

interface TimelineProps {
  readonly pages: ReadonlyArray<readonly AuditRow[]>;
  readonly hasNextPage: boolean;
  readonly loading: boolean;
  loadMore(): void;
}

/** Newest first; scrolling near the end loads the next page (and a real button does the same for keyboards). */
export function Timeline({ pages, hasNextPage, loading, loadMore }: TimelineProps) {
  const count = pages.reduce((sum, page) => sum + page.length, 0);
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
          {pages.map((rows, index) => (
            <PageRows key={index} rows={rows} />
          ))}
        </table>
      </div>
      <div ref={sentinel} />
      <p role="status" class="muted">
        {loading ? 'Loading…' : `Showing ${count.toLocaleString()} events${hasNextPage ? ', more below' : ''}`}
      </p>
      {hasNextPage && (
        <button type="button" onClick={loadMore} disabled={loading}>
          Load more
        </button>
      )}
    </>
  );
}

/**
 * One fetched page of rows. A page never changes once shown, so it skips re-rendering: loading page
 * 40 costs the 50 new rows, not the 2,000 already on screen.
 */
class PageRows extends Component<{ rows: readonly AuditRow[] }> {
  override shouldComponentUpdate(next: { rows: readonly AuditRow[] }): boolean {
    return next.rows !== this.props.rows;
  }

  override render() {
    const { rows } = this.props;
    return (
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
    );
  }
}
