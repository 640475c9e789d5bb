import { JsonView } from '../components/json-view';
import { usePageTitle } from '../components/page-title';
import { Section } from '../components/section';
import { Failure, Loading } from '../components/status';
import { useQuery } from '../graphql/use-query';
import { PolicyQuery } from '../policy/policy-query';
import { VersionHistory } from '../policy/version-history';
import { Link } from '../router/link';
import { nodePath } from '../router/paths';
import { can, useSession } from '../session/session';

/** /console/policies/:id: the document (READ), where it is attached (READ) and its recorded versions (AUDIT). */
export function PolicyPage({ id }: { id: string }) {
  const session = useSession();
  const mayRead = can(session, 'READ');
  const { data, error, loading } = useQuery(PolicyQuery, { id }, !mayRead);
  const policy = data?.policy;
  usePageTitle(policy?.name ?? id);
  return (
    <>
      <h1>
        {policy?.name ?? 'Policy'} <span class="node-id">{id}</span>
      </h1>
      {loading && <Loading what="the policy" />}
      {error && <Failure error={error} />}
      {policy && (
        <>
          <dl class="details">
            <dt>Type</dt>
            <dd class="mono">{policy.type}</dd>
            <dt>Description</dt>
            <dd>{policy.description || '—'}</dd>
            <dt>ARN</dt>
            <dd class="mono">{policy.arn}</dd>
            <dt>Content hash</dt>
            <dd class="mono">{policy.contentHash}</dd>
            {policy.awsManaged && (
              <>
                <dt>Managed by</dt>
                <dd>AWS managed</dd>
              </>
            )}
          </dl>
          <Section title="Document">
            <JsonView value={policy.content} label="Policy document" />
          </Section>
          <Section title="Targets">
            {policy.targets.length === 0 ? (
              <p>Attached nowhere.</p>
            ) : (
              <ul>
                {policy.targets.map((target) => (
                  <li key={target.id}>
                    <Link href={nodePath(target.id)}>{target.name}</Link> <span class="node-id">{target.id}</span>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </>
      )}
      {!mayRead && <p class="muted">Your role cannot read the policy itself, only its recorded versions.</p>}
      <Section title="Version history">{can(session, 'AUDIT') ? <VersionHistory policyId={id} /> : <p>Your role cannot read the version history.</p>}</Section>
    </>
  );
}
