import type { PrismaClient } from '../generated/prisma/client';
import { isRole, type Role } from '../domain/identity';
import { generateApiKey } from './api-key';
import { ApiKeyNameTakenError, type ApiKeyRecord, type ApiKeyStore } from './api-key-store';

interface ApiKeyRow {
  keyId: string;
  name: string;
  role: string;
  secretHash: string;
  createdAt: Date;
  revokedAt: Date | null;
}

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  // The CHECK constraint keeps other values out; a row that still has one grants nothing.
  const role: Role = isRole(row.role) ? row.role : 'viewer';
  return { keyId: row.keyId, name: row.name, role, createdAt: row.createdAt, revokedAt: row.revokedAt };
}

export class PrismaApiKeyStore implements ApiKeyStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly createdBy: string = 'cli',
    /** Told of each revocation made through this store (this process's cache of verified keys). */
    private readonly onRevoked: (keyId: string) => void = () => undefined,
  ) {}

  async create(name: string, role: Role): Promise<{ key: string; record: ApiKeyRecord }> {
    const generated = generateApiKey();
    try {
      const row = await this.prisma.apiKey.create({
        data: { keyId: generated.keyId, name, role, secretHash: generated.secretHash, createdBy: this.createdBy },
      });
      return { key: generated.key, record: toRecord(row) };
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002')
        throw new ApiKeyNameTakenError(`An active API key named "${name}" exists; revoke it first or pick another name.`);
      throw error;
    }
  }

  async list(): Promise<ApiKeyRecord[]> {
    const rows = await this.prisma.apiKey.findMany({ orderBy: [{ createdAt: 'asc' }, { keyId: 'asc' }] });
    return rows.map(toRecord);
  }

  async revoke(name: string): Promise<ApiKeyRecord | undefined> {
    const active = await this.prisma.apiKey.findFirst({ where: { name, revokedAt: null } });
    if (!active) return undefined;
    // The database notifies API_KEY_CHANNEL when the revocation commits (trigger api_key_changed,
    // migration 20261201160000), so other replicas drop the key at once, however it was revoked.
    const row = await this.prisma.apiKey.update({ where: { keyId: active.keyId }, data: { revokedAt: new Date() } });
    this.onRevoked(row.keyId);
    return toRecord(row);
  }

  async findActive(keyId: string): Promise<{ record: ApiKeyRecord; secretHash: string } | undefined> {
    const row = await this.prisma.apiKey.findUnique({ where: { keyId } });
    if (!row || row.revokedAt) return undefined;
    return { record: toRecord(row), secretHash: row.secretHash };
  }

  countActive(): Promise<number> {
    return this.prisma.apiKey.count({ where: { revokedAt: null } });
  }
}
