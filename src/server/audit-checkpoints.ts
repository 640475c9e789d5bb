import type { KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import { loadSigningKey, takeCheckpoint } from '../audit/checkpoints';
import type { PrismaClient } from '../generated/prisma/client';
import type { CheckpointSettings } from './config';

/**
 * Signs the chain head every `intervalMs` into the checkpoint directory (issue 11, item 7). The key
 * is loaded (or, by default, created) at start-up, so a missing key the operator named stops the
 * gateway there rather than an hour later. A failed checkpoint is logged and retried at the next
 * interval: it costs evidence, not service. The returned function stops it.
 */
export function startCheckpointing(prisma: PrismaClient, settings: CheckpointSettings, logger: Logger): () => Promise<void> {
  if (settings.intervalMs === 0) return async () => undefined;
  const log = logger.child({ component: 'audit-checkpoint' });
  let key: KeyObject;
  try {
    key = loadSigningKey(settings.signingKeyPath, { createIfMissing: settings.createKeyIfMissing });
  } catch (error) {
    // A key the operator named must be there; the default one may be impossible to create (a
    // read-only data directory), which costs the checkpoints, not the service.
    if (!settings.createKeyIfMissing) throw error;
    log.error({ err: error }, 'audit checkpoints are off: the signing key could not be created (set ORGQL_AUDIT_SIGNING_KEY)');
    return async () => undefined;
  }
  let running: Promise<void> = Promise.resolve();
  const pass = () => {
    running = takeCheckpoint(prisma, settings.dir, key).then(
      ({ checkpoint, file }) => {
        if (file) log.info({ sequence: checkpoint.sequence, hash: checkpoint.hash, file }, 'audit checkpoint signed');
      },
      (err) => log.error({ err }, 'audit checkpoint failed; will retry at the next interval'),
    );
  };
  const timer = setInterval(() => void running.then(pass), settings.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
