import type { HashedContent } from './row-hash';

/** The content audit_append receives: everything hashed but what the chain assigns. */
export type AppendedContent = Omit<HashedContent, 'sequence' | 'occurredAt' | 'prevHash'>;

/**
 * The audit_event column of each hashed field, for audit_append's JSON row. Typed over every field,
 * so a field added to the hashed content does not compile until it has its column.
 */
export const AUDIT_COLUMNS: { readonly [K in keyof AppendedContent]-?: string } = {
  id: 'id',
  kind: 'kind',
  intentId: 'intent_id',
  actorId: 'actor_id',
  actorType: 'actor_type',
  actorDisplayName: 'actor_display_name',
  actorAuthMethod: 'actor_auth_method',
  clientIp: 'client_ip',
  userAgent: 'user_agent',
  requestId: 'request_id',
  operation: 'operation',
  upstreamAction: 'upstream_action',
  targetType: 'target_type',
  targetId: 'target_id',
  policyId: 'policy_id',
  policyType: 'policy_type',
  arguments: 'arguments',
  stateBefore: 'state_before',
  stateAfter: 'state_after',
  idempotencyKey: 'idempotency_key',
  outcome: 'outcome',
  errorCode: 'error_code',
  errorMessage: 'error_message',
  upstreamRequestId: 'upstream_request_id',
  reconciliation: 'reconciliation',
};

/** The row as audit_append's `p_row`: column name to value. */
export function toColumnValues(content: AppendedContent): Record<string, unknown> {
  return Object.fromEntries(Object.entries(AUDIT_COLUMNS).map(([field, column]) => [column, content[field as keyof AppendedContent]]));
}
