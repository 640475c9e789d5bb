import type { Prisma } from '../generated/prisma/client';
import { OUT_OF_BAND_OPERATION, type AuditFilter, type AuditOrigin } from '../domain/audit-log';
import { storableText } from '../domain/storable-text';
import type { SequenceRange } from './sequence-range';

/** The equality filters of a report plus its sequence range (the time range, already converted); strings as appendToChain stored them. */
export function auditWhere(filter: AuditFilter, range: Extract<SequenceRange, { empty: false }>, before?: bigint): Prisma.AuditEventWhereInput {
  const sequence: Prisma.BigIntFilter = {};
  if (range.gte !== undefined) sequence.gte = range.gte;
  if (range.lte !== undefined) sequence.lte = range.lte;
  if (before !== undefined) sequence.lt = before;
  return {
    ...(Object.keys(sequence).length > 0 ? { sequence } : {}),
    ...(filter.actor !== undefined ? { actorId: storableText(filter.actor) } : {}),
    ...(filter.operation !== undefined ? { operation: storableText(filter.operation) } : {}),
    ...(filter.targetId !== undefined ? { targetId: storableText(filter.targetId) } : {}),
    ...(filter.policyId !== undefined ? { policyId: storableText(filter.policyId) } : {}),
    ...(filter.policyType !== undefined ? { policyType: filter.policyType } : {}),
    ...(filter.outcome !== undefined ? { outcome: filter.outcome } : {}),
    ...(filter.kind !== undefined ? { kind: filter.kind } : {}),
    ...(filter.origin !== undefined ? { AND: [originWhere(filter.origin)] } : {}),
  };
}

/** Out-of-band changes are the events with operation `outOfBandChange`; every other event is orgql's own. */
function originWhere(origin: AuditOrigin): Prisma.AuditEventWhereInput {
  return origin === 'OUT_OF_BAND' ? { operation: OUT_OF_BAND_OPERATION } : { operation: { not: OUT_OF_BAND_OPERATION } };
}
