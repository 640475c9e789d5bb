import type { PrismaClient } from '../generated/prisma/client';
import { parseRecordKey, recordFromJson, recordToJson } from './mirror-record';
import type { RecordUpdate } from './mirror-snapshot';
import { MIRROR_CHANNEL, type MirrorState, type MirrorStore, type StoredHead, type StoredRecord } from './mirror-store';

interface HeadRow {
  version: bigint | number;
  synced_at: Date | string | null;
  tags_synced_at: Date | string | null;
  status: string;
  last_error: string | null;
}

const CHUNK = 1000;

const toDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

/** JSON text PostgreSQL's jsonb accepts: it refuses the NUL character, which AWS never sends in ids or names. */
function storableJson(value: unknown): string {
  return JSON.stringify(value).replace(/\\u0000/g, '');
}

/** The mirror's records and head in PostgreSQL (tables mirror_entity and mirror_state). */
export class PrismaMirrorStore implements MirrorStore {
  constructor(private readonly prisma: PrismaClient) {}

  async head(): Promise<StoredHead> {
    const [row] = await this.prisma.$queryRaw<HeadRow[]>`SELECT version, synced_at, tags_synced_at, status, last_error FROM mirror_state WHERE id = 1`;
    if (!row) throw new Error('mirror_state has no head row; the mirror migration has not been applied');
    return {
      version: Number(row.version),
      syncedAt: toDate(row.synced_at),
      tagsSyncedAt: toDate(row.tags_synced_at),
      status: row.status as MirrorState,
      lastError: row.last_error,
    };
  }

  async recordsAfter(version: number): Promise<StoredRecord[]> {
    const rows = await this.prisma.mirrorEntity.findMany({ where: { version: { gt: BigInt(version) } }, orderBy: { version: 'asc' } });
    return rows.map((row) => {
      const key = `${row.kind} ${row.id}`;
      const data = row.data === null ? null : recordFromJson(parseRecordKey(key).kind, row.data);
      return { key, data, version: Number(row.version) };
    });
  }

  async commit(updates: readonly RecordUpdate[], head: { syncedAt?: Date; tagsSyncedAt?: Date; status?: MirrorState }): Promise<number> {
    return this.prisma.$transaction(
      async (tx) => {
        const [row] = await tx.$queryRaw<Array<{ version: bigint | number }>>`
          UPDATE mirror_state SET version = version + 1,
            synced_at = COALESCE(${head.syncedAt ?? null}::timestamptz, synced_at),
            tags_synced_at = COALESCE(${head.tagsSyncedAt ?? null}::timestamptz, tags_synced_at),
            status = COALESCE(${head.status ?? null}::text, status),
            last_error = CASE WHEN ${head.status ?? null}::text = 'READY' THEN NULL ELSE last_error END,
            updated_at = now()
          WHERE id = 1 RETURNING version`;
        const version = Number(row!.version);
        for (let i = 0; i < updates.length; i += CHUNK) {
          const rows = updates.slice(i, i + CHUNK).map(({ key, data }) => {
            const { kind, id } = parseRecordKey(key);
            return { kind, id, data: data === null || data === undefined ? null : recordToJson(data) };
          });
          await tx.$executeRawUnsafe(
            `INSERT INTO mirror_entity (kind, id, data, version)
             SELECT x.kind, x.id, NULLIF(x.data, 'null'::jsonb), $2 FROM jsonb_to_recordset($1::jsonb) AS x(kind text, id text, data jsonb)
             ON CONFLICT (kind, id) DO UPDATE SET data = EXCLUDED.data, version = EXCLUDED.version`,
            storableJson(rows),
            BigInt(version),
          );
        }
        // Delivered to every listener when the transaction commits, never before.
        await tx.$executeRaw`SELECT pg_notify(${MIRROR_CHANNEL}, ${String(version)})`;
        return version;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  }

  async setStatus(status: MirrorState, lastError: string | null): Promise<void> {
    await this.prisma.$executeRaw`UPDATE mirror_state SET status = ${status}, last_error = ${lastError}, updated_at = now() WHERE id = 1`;
  }

  async requestSync(): Promise<void> {
    await this.prisma.$executeRaw`SELECT pg_notify(${MIRROR_CHANNEL}, 'sync')`;
  }
}
