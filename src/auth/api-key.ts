import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * orgql API keys look like `orgql_<keyId>_<secret>`: the key id is public (it names the key in
 * logs and lists), the secret is 32 random bytes. Only SHA-256 of the secret is stored: a random
 * 256-bit secret cannot be guessed, so a slow password hash would add latency and no safety.
 */
const KEY_PATTERN = /^orgql_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  /** The full key, shown once. */
  readonly key: string;
  readonly keyId: string;
  readonly secretHash: string;
}

export interface ParsedApiKey {
  readonly keyId: string;
  readonly secret: string;
}

export function generateApiKey(): GeneratedApiKey {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `orgql_${keyId}_${secret}`, keyId, secretHash: hashSecret(secret) };
}

export function parseApiKey(token: string): ParsedApiKey | undefined {
  const match = KEY_PATTERN.exec(token);
  return match ? { keyId: match[1] as string, secret: match[2] as string } : undefined;
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith('orgql_');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
