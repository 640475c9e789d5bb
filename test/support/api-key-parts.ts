const KEY = /^orgql_[a-f0-9]{16}_([A-Za-z0-9_-]{43})$/;

/** The secret part of an API key `orgql_<key id>_<secret>`; the secret itself may contain `_`. */
export function secretOf(key: string): string {
  const secret = KEY.exec(key)?.[1];
  if (!secret) throw new Error(`not an orgql API key: ${key.slice(0, 6)}…`);
  return secret;
}
