import type { TestGateway } from '../../support/gateway-harness';

/** The intent row of an audited change and its result row(s), oldest first. */
export async function auditRows(t: TestGateway, auditEventId: string) {
  return t.gateway.database.prisma.auditEvent.findMany({
    where: { OR: [{ id: auditEventId }, { intentId: auditEventId }] },
    orderBy: { sequence: 'asc' },
  });
}

/** The newest intent row of an operation (for refused changes, which return no auditEventId). */
export async function lastIntent(t: TestGateway, operation: string) {
  return t.gateway.database.prisma.auditEvent.findFirst({ where: { kind: 'INTENT', operation }, orderBy: { sequence: 'desc' }, include: { results: true } });
}
