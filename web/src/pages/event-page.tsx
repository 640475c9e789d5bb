import { AuditEventQuery, TargetHistoryQuery } from '../audit/audit-query';
import { KindBadge, OutcomeBadge, OutOfBandBadge, OUT_OF_BAND_OPERATION } from '../audit/badges';
import { PolicyDiffView } from '../audit/policy-diff-view';
import { VerifyChain } from '../audit/verify-chain';
import { JsonDiff } from '../components/diff-view';
import { JsonView } from '../components/json-view';
import { usePageTitle } from '../components/page-title';
import { Section } from '../components/section';
import { Failure, Loading } from '../components/status';
import { useQuery } from '../graphql/use-query';
import { Link } from '../router/link';
import { paths } from '../router/paths';

/** /console/audit/:id: one event with what it asked, what it changed, its pair and its place in the hash chain. */
export function EventPage({ id }: { id: string }) {
  usePageTitle('Audit event');
  const { data, error, loading } = useQuery(AuditEventQuery, { id });
  const event = data?.auditEvent;
  const intentId = event?.intent?.id ?? id;
  const history = useQuery(TargetHistoryQuery, { targetId: event?.targetId ?? '' }, !event?.targetId);
  const change = history.data?.targetHistory.find(
    (entry) => entry.event.id === id || entry.event.id === event?.result?.id || entry.event.intent?.id === intentId,
  );

  if (loading && !data) return <Loading what="the event" />;
  if (error) return <Failure error={error} />;
  if (!event) return <p role="alert">There is no audit event {id}.</p>;
  const outOfBand = event.operation === OUT_OF_BAND_OPERATION;
  // An intent holds the state before, its result the state after: either page shows the pair's change.
  const before = event.stateBefore ?? event.intent?.stateBefore;
  const after = event.stateAfter ?? event.result?.stateAfter;

  return (
    <>
      <h1>Audit event</h1>
      <p>
        <Link href={paths.audit}>Back to the change history</Link>
      </p>
      <dl class="details">
        <dt>Who</dt>
        <dd>
          {event.actor.displayName ?? event.actor.id} <span class="mono">{event.actor.id}</span> ({event.actor.type}
          {event.actor.authMethod ? `, ${event.actor.authMethod}` : ''})
        </dd>
        <dt>What</dt>
        <dd>
          <span class="mono">{event.operation}</span> <KindBadge kind={event.kind} /> {outOfBand && <OutOfBandBadge />}
        </dd>
        <dt>When</dt>
        <dd>
          <time dateTime={event.occurredAt}>{new Date(event.occurredAt).toLocaleString()}</time>
        </dd>
        <dt>Outcome</dt>
        <dd>
          <OutcomeBadge outcome={event.outcome} /> {event.errorCode && <span class="mono">{event.errorCode}</span>} {event.errorMessage}
        </dd>
        <dt>Kind</dt>
        <dd>{event.kind}</dd>
        <dt>Target</dt>
        <dd class="mono">{event.targetId ? `${event.targetType ?? ''} ${event.targetId}` : '—'}</dd>
        <dt>Policy</dt>
        <dd>{event.policyId ? <Link href={paths.policy(event.policyId)}>{event.policyId}</Link> : '—'}</dd>
        <dt>Request id</dt>
        <dd class="mono">{event.requestId ?? '—'}</dd>
        <dt>Upstream action</dt>
        <dd class="mono">
          {event.upstreamAction}
          {event.upstreamRequestId ? ` (request ${event.upstreamRequestId})` : ''}
        </dd>
        {event.reconciliation && (
          <>
            <dt>Reconciliation</dt>
            <dd>{event.reconciliation}</dd>
          </>
        )}
      </dl>
      <Section title="Request parameters">
        <JsonView value={event.requestParameters} label="Request parameters JSON" />
      </Section>
      <Section title="State before and after">
        {before == null && after == null ? <p>No state was recorded.</p> : <JsonDiff before={before} after={after} label="State before and after, as a diff" />}
      </Section>
      <Section title="Effective policy changes">
        {history.loading && event.targetId ? (
          <Loading what="the effective-policy diff" />
        ) : change?.effectivePolicyDiff ? (
          <PolicyDiffView diff={change.effectivePolicyDiff} label="Effective policy diff" />
        ) : (
          <p>No effective-policy change was recorded for this event.</p>
        )}
      </Section>
      <Section title="Intent and result">
        <ul>
          {[
            ['Intent', event.intent],
            ['Result', event.result],
            ['Resolution', event.resolution],
          ].map(([label, pair]) =>
            pair && typeof pair === 'object' ? (
              <li key={label as string}>
                {pair.id === event.id ? <span>{label as string} (this event)</span> : <Link href={paths.auditEvent(pair.id)}>{label as string}</Link>} sequence{' '}
                {pair.sequence} <OutcomeBadge outcome={pair.outcome} />
              </li>
            ) : null,
          )}
          {!event.result && event.kind === 'INTENT' && <li>No result yet: the outcome is not known.</li>}
        </ul>
      </Section>
      <Section title="Chain position">
        <p>Sequence {event.sequence}</p>
        <dl class="details">
          <dt>Previous hash</dt>
          <dd>
            <code class="hash">{event.previousHash ?? '—'}</code>
          </dd>
          <dt>Row hash</dt>
          <dd>
            <code class="hash">{event.rowHash ?? '—'}</code>
          </dd>
        </dl>
        <VerifyChain />
      </Section>
    </>
  );
}
