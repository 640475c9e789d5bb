import type { KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import { loadSigningKey, takeCheckpoint, type TakenCheckpoint } from '../audit/checkpoints';
import type { PrismaClient } from '../generated/prisma/client';
import type { CheckpointSettings } from './config';

/**
 * Signs the chain head every `intervalMs` into the checkpoint directory (issue 11, item 7). The key
 * is loaded (or, by default, created) at start-up, so a missing key the operator named stops the
 * gateway there rather than an hour later. A failed checkpoint is logged and retried at the next
 * interval: it costs evidence, not service. With no interval (0) nothing is signed on a timer, and
 * the key is loaded only when a checkpoint is asked for.
 */
export interface Checkpointing {
  /** Signs the head now (`orgql audit checkpoint` through the running gateway); undefined when checkpoints are off. */
  takeNow(): Promise<TakenCheckpoint> | undefined;
  stop(): Promise<void>;
}

export function startCheckpointing(prisma: PrismaClient, settings: CheckpointSettings, logger: Logger): Checkpointing {
  const log = logger.child({ component: 'audit-checkpoint' });
  const loadKey = () => loadSigningKey(settings.signingKeyPath, { createIfMissing: settings.createKeyIfMissing });
  if (settings.intervalMs === 0) {
    return { takeNow: () => Promise.resolve().then(() => takeCheckpoint(prisma, settings.dir, loadKey())), stop: async () => undefined };
  }
  let key: KeyObject;
  try {
    key = loadKey();
  } catch (error) {
    // A key the operator named must be there; the default one may be impossible to create (a
    // read-only data directory), which costs the checkpoints, not the service.
    if (!settings.createKeyIfMissing) throw error;
    log.error({ err: error }, 'audit checkpoints are off: the signing key could not be created (set ORGQL_AUDIT_SIGNING_KEY)');
    return { takeNow: () => undefined, stop: async () => undefined };
  }
  // One checkpoint at a time, whether the timer or a caller asked for it.
  let running: Promise<unknown> = Promise.resolve();
  const take = (): Promise<TakenCheckpoint> => {
    const next = running.then(() => takeCheckpoint(prisma, settings.dir, key));
    running = next.then(
      ({ checkpoint, file }) => {
        if (file) log.info({ sequence: checkpoint.sequence, hash: checkpoint.hash, file }, 'audit checkpoint signed');
      },
      (err) => log.error({ err }, 'audit checkpoint failed; will retry at the next interval'),
    );
    return next;
  };
  const timer = setInterval(() => void take().catch(() => undefined), settings.intervalMs);
  timer.unref();
  return {
    takeNow: take,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
