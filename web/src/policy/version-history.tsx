import { useEffect, useState } from 'preact/hooks';
import { JsonDiff } from '../components/diff-view';
import { Failure, Loading } from '../components/status';
import { useQuery } from '../graphql/use-query';
import { Link } from '../router/link';
import { paths } from '../router/paths';
import { PolicyHistoryQuery } from './policy-query';

/** Every recorded version of the document (from the audit log) and a diff between any two of them. */
export function VersionHistory({ policyId }: { policyId: string }) {
  const { data, error, loading } = useQuery(PolicyHistoryQuery, { id: policyId });
  const versions = data?.policyHistory ?? [];
  const [from, setFrom] = useState<number | undefined>(undefined);
  const [to, setTo] = useState<number | undefined>(undefined);
  // By default: the latest change, the version before the last against the last.
  useEffect(() => {
    const all = data?.policyHistory ?? [];
    if (all.length === 0) return;
    setTo(all[all.length - 1]!.version);
    setFrom(all[Math.max(0, all.length - 2)]!.version);
  }, [data]);

  if (loading && !data) return <Loading what="the version history" />;
  if (error) return <Failure error={error} />;
  if (versions.length === 0) return <p>The audit log holds no change of this policy.</p>;
  const left = versions.find((v) => v.version === from);
  const right = versions.find((v) => v.version === to);
  return (
    <>
      <div class="table-wrap">
        <table class="cards">
          <caption>Versions</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Operation</th>
              <th scope="col">Event</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td data-label="Version">{v.version}</td>
                <td data-label="When">{new Date(v.event.occurredAt).toLocaleString()}</td>
                <td data-label="Who" title={v.event.actor.id}>
                  {v.event.actor.displayName ?? v.event.actor.id}
                </td>
                <td data-label="Operation" class="mono">
                  {v.event.operation}
                </td>
                <td data-label="Event">
                  <Link href={paths.auditEvent(v.event.id)}>Event {v.version}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="toolbar">
        <VersionSelect id="diff-from" label="From version" versions={versions} value={from} onChange={setFrom} />
        <VersionSelect id="diff-to" label="To version" versions={versions} value={to} onChange={setTo} />
      </div>
      <section aria-labelledby="version-diff-heading">
        <h3 id="version-diff-heading">Version diff</h3>
        {left && right && <JsonDiff before={left.document} after={right.document} label={`Document from version ${left.version} to ${right.version}`} />}
      </section>
    </>
  );
}

interface VersionSelectProps {
  readonly id: string;
  readonly label: string;
  readonly versions: readonly { readonly version: number }[];
  readonly value: number | undefined;
  onChange(version: number): void;
}

/** One end of the version diff: a labelled choice among the recorded versions. */
function VersionSelect({ id, label, versions, value, onChange }: VersionSelectProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(Number(event.currentTarget.value))}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            {v.version}
          </option>
        ))}
      </select>
    </div>
  );
}
