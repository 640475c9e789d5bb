import { highlightJson } from './json-view';

/** A line-by-line diff of two JSON values (longest common subsequence), as unified lines. */
export type DiffLine = { readonly kind: 'same' | 'add' | 'del'; readonly text: string };

export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  // lcs[i][j]: the longest common subsequence of before[i..] and after[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1)
    for (let j = m - 1; j >= 0; j -= 1) lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      lines.push({ kind: 'same', text: before[i]! });
      i += 1;
      j += 1;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      lines.push({ kind: 'add', text: after[j]! });
      j += 1;
    } else {
      lines.push({ kind: 'del', text: before[i]! });
      i += 1;
    }
  }
  return lines;
}

const linesOf = (value: unknown) => (value === undefined || value === null ? [] : (JSON.stringify(value, null, 2) ?? '').split('\n'));

const PREFIX = { same: '  ', add: '+ ', del: '- ' } as const;
const CLASS = { same: 'diff-same', add: 'diff-add', del: 'diff-del' } as const;

/** Before and after as one unified diff: removed lines start with "- ", added ones with "+ ". */
export function JsonDiff({ before, after, label }: { before: unknown; after: unknown; label: string }) {
  const lines = diffLines(linesOf(before), linesOf(after));
  const changed = lines.filter((line) => line.kind !== 'same').length;
  return (
    <div class="diff">
      <p class="muted">
        {changed === 0
          ? 'No difference.'
          : `${lines.filter((l) => l.kind === 'del').length} lines removed, ${lines.filter((l) => l.kind === 'add').length} added.`}
      </p>
      <pre class="json" tabIndex={0} role="region" aria-label={label}>
        <code>
          {lines.map((line, index) => (
            <span key={index} class={`diff-line ${CLASS[line.kind]}`}>
              {PREFIX[line.kind]}
              {highlightJson(line.text)}
              {'\n'}
            </span>
          ))}
        </code>
      </pre>
    </div>
  );
}
