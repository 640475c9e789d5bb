import { createHash } from 'node:crypto';

/**
 * The version of a policy document for optimistic concurrency: SHA-256, lower-case hex, of the
 * Content string exactly as AWS stores it (UpdatePolicy keeps CLI/SDK content byte for byte, so the
 * same text always hashes the same; any edit, even whitespace, changes it).
 */
export function contentHash(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}
