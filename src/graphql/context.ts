import type { Logger } from 'pino';
import type { Actor, AuditRecorder, OrganizationsPort } from '../domain/ports';

/** Everything a resolver may use: ports, never adapters. Built per request by src/server. */
export interface GraphQLContext {
  readonly organizations: OrganizationsPort;
  readonly audit: AuditRecorder;
  readonly actor: Actor;
  readonly requestId: string;
  readonly logger: Logger;
}
