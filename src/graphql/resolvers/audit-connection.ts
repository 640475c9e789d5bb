import type { AuditEventRecord, AuditFilter, AuditLogReader } from '../../domain/audit-log';
import { OrgqlError } from '../../domain/errors';

export const MAX_AUDIT_PAGE = 500;

/** What auditEvents returns; totalCount is a function so it is counted only when asked for. */
export interface AuditEventConnectionModel {
  readonly edges: ReadonlyArray<{ readonly cursor: string; readonly node: AuditEventRecord }>;
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    readonly startCursor: string | null;
    readonly endCursor: string | null;
  };
  readonly totalCount: () => Promise<number>;
}

/** Cursors are opaque: base64 of the row's sequence number (keyset pagination). */
export function auditCursor(sequence: string): string {
  return Buffer.from(`audit:${sequence}`, 'utf8').toString('base64url');
}

export function sequenceOfCursor(cursor: string): string {
  const match = /^audit:(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new OrgqlError('BAD_USER_INPUT', 'after is not a cursor returned by auditEvents.', { field: 'after' });
  return match[1]!;
}

export async function auditEventConnection(
  log: AuditLogReader,
  filter: AuditFilter,
  first: number,
  after: string | undefined,
): Promise<AuditEventConnectionModel> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_AUDIT_PAGE) {
    throw new OrgqlError('BAD_USER_INPUT', `first must be from 1 to ${MAX_AUDIT_PAGE}.`, { field: 'first' });
  }
  const page = await log.list(filter, first, after === undefined ? undefined : sequenceOfCursor(after));
  const edges = page.events.map((node) => ({ cursor: auditCursor(node.sequence), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: () => log.count(filter),
  };
}
