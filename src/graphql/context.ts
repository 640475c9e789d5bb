import type { Logger } from 'pino';
import type { ApiKeyAdmin } from '../domain/api-key-admin';
import type { AuditLogReader } from '../domain/audit-log';
import type { IdempotencyStore } from '../domain/idempotency';
import type { Actor, AuditRecorder, OrganizationsReader } from '../domain/ports';
import type { Principal } from '../domain/identity';
import type { UpstreamWriteAccess } from './audited-mutation';
import type { Loaders } from './loaders/create-loaders';
import type { RequestMirror } from './request-mirror';

/** Everything a resolver may use: ports, never adapters. Built per request by src/server. */
export interface GraphQLContext {
  /** Reads of the organization: from one mirror snapshot, or upstream when the request asks (x-orgql-consistency: upstream). */
  readonly organizations: OrganizationsReader;
  /** The org mirror as this request sees it: mutations refresh what they touched through it. */
  readonly mirror: RequestMirror;
  /** Changes to the organization: usable only through runAudited. */
  readonly upstream: UpstreamWriteAccess;
  /** Per-request DataLoaders over `organizations` (batching and de-duplication within one request). */
  readonly loaders: Loaders;
  readonly audit: AuditRecorder;
  /** The audit log's read side (reports, verification). */
  readonly auditLog: AuditLogReader;
  /** orgql's own API keys (admin only; every change audited). */
  readonly apiKeys: ApiKeyAdmin;
  /** Idempotency keys of mutations (see runAudited). */
  readonly idempotency: IdempotencyStore;
  /** Where the request came from, recorded with every audited change. */
  readonly client: { readonly ip: string | undefined; readonly userAgent: string | undefined };
  /** The authenticated caller; `actor` is how the audit log records it. */
  readonly principal: Principal;
  readonly actor: Actor;
  readonly requestId: string;
  readonly logger: Logger;
}
