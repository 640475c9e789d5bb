import type { Role } from './identity';
import type { Actor } from './ports';

/** An orgql API key as lists show it: never its secret (only a hash of it is stored). */
export interface ApiKeyRecord {
  /** The public key id (the middle part of the key). */
  readonly keyId: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

/** Who asked for a key change, recorded with it in the audit log (as for changes to Organizations). */
export interface KeyChangeOrigin {
  readonly actor: Actor;
  readonly requestId?: string | undefined;
  readonly clientIp?: string | undefined;
  readonly userAgent?: string | undefined;
}

/**
 * Key management while the gateway runs (issue 14, "keys without downtime"). Every change is
 * audited: an intent before it, a result after it, like a change to Organizations. Failures are
 * OrgqlErrors: BAD_USER_INPUT (a bad name), DUPLICATE (an active key has the name), NOT_FOUND
 * (no active key to revoke), AUDIT_UNAVAILABLE (nothing was changed).
 */
export interface ApiKeyAdmin {
  list(): Promise<ApiKeyRecord[]>;
  /** Returns the full key: the only time it is ever shown. */
  create(name: string, role: Role, origin: KeyChangeOrigin): Promise<{ readonly key: string; readonly record: ApiKeyRecord; readonly auditEventId: string }>;
  revoke(name: string, origin: KeyChangeOrigin): Promise<{ readonly record: ApiKeyRecord; readonly auditEventId: string }>;
}

/** Key names: short, printable, safe in logs and in a terminal table. */
export const API_KEY_NAME_PATTERN = /^[\w.@:-]{1,100}$/;
