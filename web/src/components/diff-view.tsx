import { diffLines } from './diff-lines';
import { highlightJson } from './json-view';

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
