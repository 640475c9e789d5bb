import { useMemo } from 'preact/hooks';
import { usePageTitle } from '../components/page-title';
import { Section } from '../components/section';
import { Failure, Loading } from '../components/status';
import { useQueries } from '../graphql/use-queries';
import { useQuery } from '../graphql/use-query';
import { EffectivePolicySection } from '../node/effective-policy-section';
import { NodePoliciesOfTypeQuery, NodeQuery } from '../node/node-query';
import { PoliciesTable } from '../node/policies-table';
import { PostureSection } from '../node/posture-section';
import { enabledTypes, hasEffectivePolicy } from '../policy/policy-types';
import { Link } from '../router/link';
import { nodePath, paths } from '../router/paths';

/** /console/accounts/:id and /console/ous/:id (roots too): where the node sits, its tags, the policies that apply, and for an account its effective policies. */
export function NodePage({ id }: { id: string }) {
  const { data, error, loading } = useQuery(NodeQuery, { id });
  const node = data?.node;
  usePageTitle(node && 'name' in node ? (node.name ?? id) : id);
  const types = useMemo(() => (data ? enabledTypes(data.roots) : []), [data]);
  const isAccount = node?.__typename === 'Account';
  const perType = useQueries(
    NodePoliciesOfTypeQuery,
    useMemo(() => (node ? types.map((type) => ({ id, type, effective: isAccount && hasEffectivePolicy(type) })) : []), [node, types, id, isAccount]),
  );

  if (loading && !data) return <Loading what={id} />;
  if (error) return <Failure error={error} />;
  if (!node || !('name' in node)) return <p role="alert">Nothing with the id {id} is in the organization.</p>;

  const path = 'path' in node ? node.path : [];
  const children = 'children' in node ? node.children : [];
  const policyRows = perType.data?.flatMap((answer) => (answer.node && 'policies' in answer.node ? answer.node.policies : [])) ?? [];
  const effective = perType.data?.map((answer, index) => ({
    type: types[index]!,
    effective: answer.node && 'effectivePolicy' in answer.node ? answer.node.effectivePolicy : undefined,
  }));

  return (
    <>
      <h1>
        {node.name} <span class="node-id">{node.id}</span>
      </h1>
      {path.length > 0 && (
        <nav aria-label="Path" class="breadcrumbs">
          <ol>
            {path.map((ancestor) => (
              <li key={ancestor.id}>
                <Link href={nodePath(ancestor.id)}>{ancestor.name}</Link>
              </li>
            ))}
            <li aria-current="page">{node.name}</li>
          </ol>
        </nav>
      )}
      <dl class="details">
        <dt>Kind</dt>
        <dd>{node.__typename === 'OrganizationalUnit' ? 'Organizational unit' : node.__typename}</dd>
        <dt>ARN</dt>
        <dd class="mono">{node.arn}</dd>
        {node.__typename === 'Account' && (
          <>
            <dt>Email</dt>
            <dd>{node.email}</dd>
            <dt>State</dt>
            <dd>{node.state ?? 'unknown'}</dd>
            <dt>Joined</dt>
            <dd>{node.joinedAt ? `${new Date(node.joinedAt).toLocaleString()} (${node.joinedMethod?.toLowerCase() ?? 'unknown'})` : 'unknown'}</dd>
          </>
        )}
      </dl>
      <Section title="Tags">
        {node.tags.length === 0 ? (
          <p>No tags.</p>
        ) : (
          <table>
            <caption class="visually-hidden">Tags</caption>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {node.tags.map((tag) => (
                <tr key={tag.key}>
                  <td class="mono">{tag.key}</td>
                  <td>{tag.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title="Policies">
        {perType.error && <Failure error={perType.error} />}
        {perType.loading ? <Loading what="policies" /> : <PoliciesTable rows={policyRows} />}
        {types.length === 0 && <p class="muted">No policy type is enabled on the root.</p>}
      </Section>
      {types.includes('AISERVICES_OPT_OUT_POLICY') && <PostureSection id={node.id} isAccount={isAccount} />}
      {isAccount && (
        <Section title="Effective policies">
          {perType.loading && <Loading what="effective policies" />}
          {effective
            ?.filter((entry) => hasEffectivePolicy(entry.type))
            .map((entry) => (
              <EffectivePolicySection key={entry.type} type={entry.type} effective={entry.effective} />
            ))}
          {effective && effective.every((entry) => !hasEffectivePolicy(entry.type)) && <p>No policy type with an effective policy is enabled.</p>}
        </Section>
      )}
      {children.length > 0 && (
        <Section title="Children">
          <ul>
            {children.map((child) => (
              <li key={child.id}>
                <Link href={nodePath(child.id)}>{child.name}</Link> <span class="node-id">{child.id}</span>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <p>
        <Link href={paths.organization}>Back to the organization</Link>
      </p>
    </>
  );
}
