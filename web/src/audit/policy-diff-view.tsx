import { InlineJson } from '../components/json-view';

export interface PolicyDiffData {
  readonly added: ReadonlyArray<{ readonly path: string; readonly value?: unknown }>;
  readonly removed: ReadonlyArray<{ readonly path: string; readonly value?: unknown }>;
  readonly changed: ReadonlyArray<{ readonly path: string; readonly before?: unknown; readonly after?: unknown }>;
}

/** A structural diff (PolicyDiff) as lines: "+ path value", "- path value", and a changed path as both. */
export function PolicyDiffView({ diff, label }: { diff: PolicyDiffData; label: string }) {
  const empty = diff.added.length + diff.removed.length + diff.changed.length === 0;
  if (empty) return <p>No value changed.</p>;
  return (
    <ul class="policy-diff" aria-label={label}>
      {diff.removed.map((entry) => (
        <li key={`-${entry.path}`} class="diff-del">
          - <span class="mono">{entry.path}</span> <InlineJson value={entry.value} />
        </li>
      ))}
      {diff.changed.map((entry) => (
        <li key={`~${entry.path}`}>
          <span class="diff-del">
            - <span class="mono">{entry.path}</span> <InlineJson value={entry.before} />
          </span>
          <br />
          <span class="diff-add">
            + <span class="mono">{entry.path}</span> <InlineJson value={entry.after} />
          </span>
        </li>
      ))}
      {diff.added.map((entry) => (
        <li key={`+${entry.path}`} class="diff-add">
          + <span class="mono">{entry.path}</span> <InlineJson value={entry.value} />
        </li>
      ))}
    </ul>
  );
}
