import { InlineJson, JsonView } from '../components/json-view';
import type { ConsoleNodePoliciesOfTypeQuery } from '../gql/graphql';
import { Link } from '../router/link';
import { nodePath, paths } from '../router/paths';

type Node = NonNullable<ConsoleNodePoliciesOfTypeQuery['node']>;
export type EffectivePolicyData = NonNullable<Extract<Node, { effectivePolicy?: unknown }>['effectivePolicy']>;

/** One type's effective policy: the document, which policy and node set each value, and what a lock overruled. */
export function EffectivePolicySection({ type, effective }: { type: string; effective: EffectivePolicyData | null | undefined }) {
  const headingId = `effective-${type}`;
  return (
    <section aria-labelledby={headingId} class="card">
      <h3 id={headingId}>Effective {type}</h3>
      {effective?.content == null ? <p>No policy of this type applies.</p> : <JsonView value={effective.content} label={`Effective ${type} document`} />}
      {effective && effective.provenance.length > 0 && (
        <div class="table-wrap">
          <table class="cards">
            <caption>Provenance</caption>
            <thead>
              <tr>
                <th scope="col">Path</th>
                <th scope="col">Value</th>
                <th scope="col">Operator</th>
                <th scope="col">Policy</th>
                <th scope="col">Set at</th>
              </tr>
            </thead>
            <tbody>
              {effective.provenance.map((entry) => (
                <tr key={`${entry.path}-${entry.policyId}`}>
                  <td data-label="Path" class="mono">
                    {entry.path}
                  </td>
                  <td data-label="Value">
                    <InlineJson value={entry.value} />
                  </td>
                  <td data-label="Operator" class="mono">
                    {entry.operator}
                  </td>
                  <td data-label="Policy">
                    <Link href={paths.policy(entry.policyId)}>{entry.policyName}</Link>
                  </td>
                  <td data-label="Set at">
                    <Link href={nodePath(entry.node.id)}>{entry.node.name}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {effective && effective.ignoredChanges.length > 0 ? (
        <div class="table-wrap">
          <table class="cards">
            <caption>Ignored changes</caption>
            <thead>
              <tr>
                <th scope="col">Path</th>
                <th scope="col">Attempted value</th>
                <th scope="col">Policy</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {effective.ignoredChanges.map((change) => (
                <tr key={`${change.path}-${change.policyId}-${change.operator}`} data-kind={change.kind}>
                  <td data-label="Path" class="mono">
                    {change.path} <span class="badge">{change.operator}</span>
                  </td>
                  <td data-label="Attempted value">
                    <InlineJson value={change.attemptedValue} />
                  </td>
                  <td data-label="Policy">
                    <Link href={paths.policy(change.policyId)}>{change.policyName}</Link> at <Link href={nodePath(change.node.id)}>{change.node.name}</Link>
                  </td>
                  <td data-label="Why">
                    <IgnoredBecause change={change} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        effective && <p class="muted">No change was ignored.</p>
      )}
    </section>
  );
}

type IgnoredChange = EffectivePolicyData['ignoredChanges'][number];

/** What overruled the change: a lock from above, an earlier policy on the same node, or an operator that does not apply. */
function IgnoredBecause({ change }: { change: IgnoredChange }) {
  if (change.kind === 'LOCKED_BY_PARENT' && change.lockedByPolicyId && change.lockedAt)
    return (
      <>
        <span class="badge">Locked</span> by <Link href={paths.policy(change.lockedByPolicyId)}>{change.lockedByPolicyName ?? change.lockedByPolicyId}</Link> at{' '}
        <Link href={nodePath(change.lockedAt.id)}>{change.lockedAt.name}</Link> (allows {change.allowedOperators?.join(', ') || 'no operator'})
      </>
    );
  if (change.kind === 'SAME_NODE_CONFLICT' && change.firstAttachedPolicyId)
    return (
      <>
        <span class="badge">Earlier policy kept</span>{' '}
        <Link href={paths.policy(change.firstAttachedPolicyId)}>{change.firstAttachedPolicyName ?? change.firstAttachedPolicyId}</Link>
      </>
    );
  return <span title={change.reason}>{change.reason}</span>;
}
