import type { ComponentChildren } from 'preact';

/**
 * JSON with syntax highlighting, tokenized by hand (no editor library): keys, strings, numbers,
 * literals and punctuation each get a class. The text is JSON.stringify's, so what is shown is exact.
 */
const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],])/g;

export function highlightJson(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const at = match.index;
    if (at > last) out.push(text.slice(last, at));
    const [whole, string, colon, number, literal, punct] = match;
    if (string !== undefined && colon !== undefined) {
      out.push(<span class="tok-key">{string}</span>, <span class="tok-punct">{colon}</span>);
    } else if (string !== undefined) out.push(<span class="tok-string">{string}</span>);
    else if (number !== undefined) out.push(<span class="tok-number">{number}</span>);
    else if (literal !== undefined) out.push(<span class="tok-literal">{literal}</span>);
    else if (punct !== undefined) out.push(<span class="tok-punct">{punct}</span>);
    else out.push(whole);
    last = at + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** A JSON value, pretty-printed and highlighted; `label` names the region for assistive technology. */
export function JsonView({ value, label }: { value: unknown; label?: string }) {
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  return (
    <pre class="json" tabIndex={0} role="region" aria-label={label ?? 'JSON'}>
      <code>{highlightJson(text)}</code>
    </pre>
  );
}

/** A short inline rendering of a value (table cells). */
export function InlineJson({ value }: { value: unknown }) {
  return <code class="inline-json">{highlightJson(JSON.stringify(value) ?? 'null')}</code>;
}
