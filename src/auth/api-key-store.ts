import type { ApiKeyRecord } from '../domain/api-key-admin';
import { OrgqlError } from '../domain/errors';
import type { Role } from '../domain/identity';

export type { ApiKeyRecord };

/** The PostgreSQL channel on which a revoked key's id is announced to every replica. */
export const API_KEY_CHANNEL = 'orgql_api_keys';

/** Where API keys live. Only the SHA-256 of each secret is stored. */
export interface ApiKeyStore {
  /** Creates a key; throws ApiKeyNameTakenError when an active key has the name. Returns the full key once. */
  create(name: string, role: Role): Promise<{ key: string; record: ApiKeyRecord }>;
  list(): Promise<ApiKeyRecord[]>;
  /** Revokes the active key of that name; undefined when there is none. */
  revoke(name: string): Promise<ApiKeyRecord | undefined>;
  /** The active key with that id and its stored secret hash. */
  findActive(keyId: string): Promise<{ record: ApiKeyRecord; secretHash: string } | undefined>;
  countActive(): Promise<number>;
}

/** DUPLICATE: key names are unique among active keys. */
export class ApiKeyNameTakenError extends OrgqlError {
  constructor(message: string) {
    super('DUPLICATE', message);
  }
}
