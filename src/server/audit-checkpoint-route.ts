import path from 'node:path';
import type { TakenCheckpoint } from '../audit/checkpoints';
import type { Checkpointing } from './audit-checkpoints';
import { requirePermission } from './authentication-hook';
import type { HttpApp } from './http-app';

export const AUDIT_CHECKPOINT_PATH = '/admin/audit/checkpoint';

/** What the route answers: the signed head, and the file's name (never the server's path). */
export function checkpointJson({ checkpoint, file }: TakenCheckpoint) {
  const { sequence, hash, signedAt, keyId } = checkpoint;
  return { sequence, hash, signedAt, keyId, file: file === null ? null : path.basename(file) };
}

/**
 * `orgql audit checkpoint` while the gateway holds the embedded database (PGlite admits one
 * process): the CLI asks the gateway to sign the head now. Auditors and admins may.
 */
export function registerAuditCheckpointRoute(app: HttpApp, checkpointing: Checkpointing): void {
  app.post(AUDIT_CHECKPOINT_PATH, async (request, reply) => {
    if (!requirePermission(request, reply, 'AUDIT')) return reply;
    const taking = checkpointing.takeNow();
    if (!taking) {
      return reply.code(503).send({
        errors: [
          {
            message: 'Audit checkpoints are off in this gateway: its signing key could not be created (set ORGQL_AUDIT_SIGNING_KEY).',
            extensions: { code: 'SERVICE_UNAVAILABLE' },
          },
        ],
      });
    }
    return checkpointJson(await taking);
  });
}
