import type { Logger } from 'pino';
import { advisoryLeadership } from '../database/advisory-leadership';
import type { Database } from '../database/database';
import { listenOn } from '../database/pg-listener';
import type { OrganizationsReader } from '../domain/ports';
import { SOLE_LEADER } from '../mirror/mirror-ports';
import { MIRROR_CHANNEL } from '../mirror/mirror-store';
import { startOrgMirror, type OrgMirror } from '../mirror/org-mirror';
import { PrismaMirrorStore } from '../mirror/prisma-mirror-store';
import type { MirrorConfig } from './config';

/**
 * The org mirror over the gateway's database. On PostgreSQL, replicas compete for leadership with an
 * advisory lock on a session of their own and follow each other's versions through LISTEN; the
 * embedded PGlite database belongs to one process, which always leads.
 */
export function startMirror(db: Database, upstream: OrganizationsReader, logger: Logger, config: MirrorConfig): Promise<OrgMirror> {
  const mirrorLogger = logger.child({ component: 'mirror' });
  const target = db.target;
  const shared = target.kind === 'postgres';
  return startOrgMirror({
    upstream,
    store: new PrismaMirrorStore(db.prisma),
    leadership: shared
      ? advisoryLeadership({
          openSession: () => db.openSqlConnection(),
          retryMs: config.leaderRetryMs,
          onError: (err) => mirrorLogger.warn({ err }, 'mirror leadership session failed; competing again'),
        })
      : SOLE_LEADER,
    notifications: shared ? { subscribe: (onPayload) => listenOn(target.url, MIRROR_CHANNEL, onPayload) } : undefined,
    logger: mirrorLogger,
    settings: {
      refreshIntervalMs: config.refreshSeconds * 1000,
      maxPersistedAgeMs: config.maxPersistedAgeSeconds * 1000,
      readyTimeoutMs: config.readyTimeoutMs,
      concurrency: config.concurrency,
      pollIntervalMs: config.pollMs,
      syncRequestTimeoutMs: 10 * 60_000,
    },
  });
}
