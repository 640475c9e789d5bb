import type { MirrorStatusReport } from '../domain/mirror';
import { isOrgqlError } from '../domain/errors';
import type { OrgMirror } from '../mirror/org-mirror';
import { requirePermission } from './authentication-hook';
import type { HttpApp } from './http-app';

export const MIRROR_STATUS_PATH = '/admin/mirror';
export const MIRROR_SYNC_PATH = '/admin/mirror/sync';

export function mirrorStatusJson(status: MirrorStatusReport) {
  return { ...status, syncedAt: status.syncedAt?.toISOString() ?? null, tagsSyncedAt: status.tagsSyncedAt?.toISOString() ?? null };
}

/**
 * Admin routes behind `orgql mirror status|sync` (the embedded database belongs to the running
 * server, so the CLI asks it over HTTP): GET the mirror's status, POST to run a full sync now.
 */
export function registerMirrorRoutes(app: HttpApp, mirror: OrgMirror): void {
  app.get(MIRROR_STATUS_PATH, async (request, reply) => {
    if (!requirePermission(request, reply, 'ADMIN')) return reply;
    return mirrorStatusJson(mirror.status());
  });
  app.post(MIRROR_SYNC_PATH, async (request, reply) => {
    if (!requirePermission(request, reply, 'ADMIN')) return reply;
    try {
      return mirrorStatusJson(await mirror.sync());
    } catch (error) {
      const code = isOrgqlError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
      const message = isOrgqlError(error) ? error.message : 'The sync failed; see the gateway log.';
      return reply.code(502).send({ errors: [{ message, extensions: { code } }], status: mirrorStatusJson(mirror.status()) });
    }
  });
}
