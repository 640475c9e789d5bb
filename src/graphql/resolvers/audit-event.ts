import type { AuditEventResolvers } from '../../generated/graphql';

/** AuditEvent fields that are named differently in the schema or need a read. */
export const AuditEvent: AuditEventResolvers = {
  requestParameters: (event) => event.arguments ?? {},
  previousHash: (event) => event.prevHash,
  intent: (event, _args, ctx) => (event.kind === 'INTENT' || event.intentId === null ? event : ctx.auditLog.get(event.intentId)),
  result: (event, _args, ctx) => (event.kind === 'RESULT' || event.kind === 'OBSERVATION' ? event : ctx.auditLog.resultOf(event.intentId ?? event.id)),
  resolution: (event, _args, ctx) => (event.kind === 'RESOLUTION' ? event : ctx.auditLog.resolutionOf(event.intentId ?? event.id)),
};
