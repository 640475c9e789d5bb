import type { ConsoleNodePoliciesOfTypeQuery } from '../gql/graphql';
import { Link } from '../router/link';
import { nodePath, paths } from '../router/paths';

type Node = NonNullable<ConsoleNodePoliciesOfTypeQuery['node']>;
export type PolicyRow = Extract<Node, { policies?: unknown }>['policies'][number];

/** Every policy that applies to the node, attached here or inherited from an ancestor, in root-to-node order. */
export function PoliciesTable({ rows }: { rows: readonly PolicyRow[] }) {
  if (rows.length === 0) return <p>No policy applies here.</p>;
  return (
    <div class="table-wrap">
      <table class="cards">
        <caption class="visually-hidden">Policies that apply here</caption>
        <thead>
          <tr>
            <th scope="col">Policy</th>
            <th scope="col">Type</th>
            <th scope="col">Attached to</th>
            <th scope="col">How</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.policy.id}-${row.target.id}`}>
              <td data-label="Policy">
                <Link href={paths.policy(row.policy.id)}>{row.policy.name}</Link>
                {row.policy.awsManaged && <span class="badge"> AWS managed</span>}
              </td>
              <td data-label="Type" class="mono">
                {row.policy.type}
              </td>
              <td data-label="Attached to">
                <Link href={nodePath(row.target.id)}>{row.target.name}</Link>
              </td>
              <td data-label="How">{row.inherited ? 'inherited' : 'attached here'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
