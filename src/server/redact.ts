/**
 * Hides the password in a connection string before it is echoed (errors, logs). Works on malformed
 * values too, since those are exactly the ones echoed in configuration errors: everything between
 * the user name's `:` and the last `@` is masked, as is a `password=` parameter.
 */
export function redactCredentials(value: string): string {
  let text = value.replace(/(password=)[^&\s]*/gi, '$1***');
  const at = text.lastIndexOf('@');
  if (at < 0) return text;
  const slashes = text.indexOf('//');
  const start = slashes >= 0 && slashes < at ? slashes + 2 : 0;
  const colon = text.indexOf(':', start);
  if (colon >= 0 && colon < at) text = `${text.slice(0, colon + 1)}***${text.slice(at)}`;
  return text;
}

/** A value as quoted in a configuration problem: JSON-quoted, credentials masked. */
export function quoted(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(redactCredentials(value)) : JSON.stringify(value);
}
