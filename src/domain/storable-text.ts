/** NUL and unpaired UTF-16 surrogates: PostgreSQL can store neither in text or jsonb. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export function hasUnstorableCharacters(text: string): boolean {
  return UNSTORABLE.test(text);
}

/**
 * Text as PostgreSQL will store it: NUL and unpaired surrogates (which callers can send in any
 * string argument) become U+FFFD, so that an audit row can be written at all and what is hashed is
 * what is stored.
 */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE_ALL, '\uFFFD');
}
