import type { ApiKeyAdmin, ApiKeyRecord } from '../domain/api-key-admin';
import { isRole } from '../domain/identity';
import type { GatewayClient } from './gateway-client';

const FIELDS = 'name role keyId createdAt revokedAt';

interface AnsweredKey {
  readonly name: string;
  readonly role: string;
  readonly keyId: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

function toRecord(key: AnsweredKey): ApiKeyRecord {
  const role = key.role.toLowerCase();
  if (!isRole(role)) throw new Error(`the gateway answered an unknown role ${JSON.stringify(key.role)}`);
  return { name: key.name, role, keyId: key.keyId, createdAt: new Date(key.createdAt), revokedAt: key.revokedAt === null ? null : new Date(key.revokedAt) };
}

/**
 * Key management through a running gateway's GraphQL API: the gateway audits each change with the
 * caller it authenticated (the key in ORGQL_API_KEY), so the origin passed here is not used.
 */
export class RemoteApiKeyAdmin implements ApiKeyAdmin {
  constructor(private readonly client: GatewayClient) {}

  async list(): Promise<ApiKeyRecord[]> {
    const data = await this.client.graphql<{ apiKeys: AnsweredKey[] }>(`query OrgqlCliListKeys { apiKeys { ${FIELDS} } }`);
    return data.apiKeys.map(toRecord);
  }

  async create(name: string, role: ApiKeyRecord['role']) {
    const data = await this.client.graphql<{ createApiKey: { secret: string; auditEventId: string; apiKey: AnsweredKey } }>(
      `mutation OrgqlCliCreateKey($name: String!, $role: Role!) { createApiKey(name: $name, role: $role) { secret auditEventId apiKey { ${FIELDS} } } }`,
      { name, role: role.toUpperCase() },
    );
    return { key: data.createApiKey.secret, record: toRecord(data.createApiKey.apiKey), auditEventId: data.createApiKey.auditEventId };
  }

  async revoke(name: string) {
    const data = await this.client.graphql<{ revokeApiKey: { auditEventId: string; apiKey: AnsweredKey } }>(
      `mutation OrgqlCliRevokeKey($name: String!) { revokeApiKey(name: $name) { auditEventId apiKey { ${FIELDS} } } }`,
      { name },
    );
    return { record: toRecord(data.revokeApiKey.apiKey), auditEventId: data.revokeApiKey.auditEventId };
  }
}
