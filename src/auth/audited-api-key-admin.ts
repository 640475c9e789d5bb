import type { Logger } from 'pino';
import { API_KEY_NAME_PATTERN, type ApiKeyAdmin, type ApiKeyRecord, type KeyChangeOrigin } from '../domain/api-key-admin';
import { OrgqlError, isOrgqlError } from '../domain/errors';
import type { Role } from '../domain/identity';
import type { AuditRecorder } from '../domain/ports';
import type { ApiKeyStore } from './api-key-store';

/**
 * The audit log's `upstreamAction` for changes to orgql itself: nothing is sent to Organizations,
 * and the prefix keeps them apart from AWS actions in reports and exports.
 */
export const KEY_ACTIONS = { createApiKey: 'orgql:CreateApiKey', revokeApiKey: 'orgql:RevokeApiKey' } as const;

/** What the audit log keeps of a key: everything but its secret, which is never stored anywhere. */
function auditedState(record: ApiKeyRecord) {
  return { apiKey: { name: record.name, role: record.role, keyId: record.keyId, createdAt: record.createdAt, revokedAt: record.revokedAt } };
}

/**
 * Key management with the rule of every change in orgql: no change without its record. The intent
 * is written first (if that fails, nothing changes: AUDIT_UNAVAILABLE), then the key store is
 * changed, then the result. The result's target is `apikey:<keyId>`, the id the audit log records
 * as the actor when that key is used, so a key's creation and its use can be joined.
 */
export class AuditedApiKeyAdmin implements ApiKeyAdmin {
  constructor(
    private readonly store: ApiKeyStore,
    private readonly audit: AuditRecorder,
    private readonly logger: Pick<Logger, 'error'>,
  ) {}

  list(): Promise<ApiKeyRecord[]> {
    return this.store.list();
  }

  async create(name: string, role: Role, origin: KeyChangeOrigin) {
    const { value, auditEventId } = await this.audited('createApiKey', { name, role }, origin, async () => {
      checkName(name);
      const created = await this.store.create(name, role);
      return { value: created, record: created.record };
    });
    return { key: value.key, record: value.record, auditEventId };
  }

  async revoke(name: string, origin: KeyChangeOrigin) {
    const { value, auditEventId } = await this.audited('revokeApiKey', { name }, origin, async () => {
      // Checked before the lookup too: no key has such a name, and PostgreSQL cannot even compare a NUL.
      checkName(name);
      const revoked = await this.store.revoke(name);
      if (!revoked) throw new OrgqlError('NOT_FOUND', `No active API key is named ${JSON.stringify(name)}.`, { name });
      return { value: revoked, record: revoked };
    });
    return { record: value, auditEventId };
  }

  private async audited<T>(
    operation: keyof typeof KEY_ACTIONS,
    args: Record<string, unknown>,
    origin: KeyChangeOrigin,
    change: () => Promise<{ value: T; record: ApiKeyRecord }>,
  ): Promise<{ value: T; auditEventId: string }> {
    let auditEventId: string;
    try {
      auditEventId = await this.audit.recordIntent({
        ...origin,
        requestId: origin.requestId,
        operation,
        upstreamAction: KEY_ACTIONS[operation],
        targetType: undefined,
        targetId: undefined,
        arguments: args,
      });
    } catch (error) {
      this.logger.error({ err: error, operation }, 'audit intent could not be written; key change refused');
      throw new OrgqlError('AUDIT_UNAVAILABLE', 'The audit log is unavailable, so no change was made. Try again later.', {}, { cause: error });
    }
    let changed: { value: T; record: ApiKeyRecord };
    try {
      changed = await change();
    } catch (error) {
      const code = isOrgqlError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
      await this.recordResult(auditEventId, { outcome: 'FAILED', errorCode: code, errorMessage: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    await this.recordResult(auditEventId, {
      outcome: 'SUCCEEDED',
      upstreamRequestId: undefined,
      stateAfter: auditedState(changed.record),
      targetId: `apikey:${changed.record.keyId}`,
    });
    return { value: changed.value, auditEventId };
  }

  /** The change is done (or definitely failed): a lost result row is left to the reconciler, as in runAudited. */
  private async recordResult(intentId: string, result: Parameters<AuditRecorder['recordResult']>[1]): Promise<void> {
    try {
      await this.audit.recordResult(intentId, result);
    } catch (error) {
      this.logger.error({ err: error, intentId }, 'audit result could not be written; intent left for the reconciler');
    }
  }
}

function checkName(name: string): void {
  if (!API_KEY_NAME_PATTERN.test(name)) {
    throw new OrgqlError('BAD_USER_INPUT', 'A key name is 1-100 letters, digits or _ . @ : - characters.', { name });
  }
}
