import type { Logger } from 'pino';
import { PrismaAuditLog } from '../audit/prisma-audit-log';
import { PrismaAuditRecorder } from '../audit/prisma-audit-recorder';
import { PrismaIdempotencyStore } from '../audit/prisma-idempotency-store';
import { OwnChangeLookup } from '../audit/own-change-lookup';
import { Reconciler } from '../audit/reconcile/reconciler';
import type { PrismaClient } from '../generated/prisma/client';
import type { OrganizationsReader } from '../domain/ports';
import { createEventEvidence, type EventEvidence } from './call-evidence';
import type { AuditSettings } from './config';

export interface AuditServices {
  readonly recorder: PrismaAuditRecorder;
  readonly log: PrismaAuditLog;
  readonly idempotency: PrismaIdempotencyStore;
  readonly reconciler: Reconciler;
  /** Organizations events that are the CloudTrail record of an orgql call whose answer was lost: the reconciler's evidence. */
  readonly evidence: EventEvidence;
  /** Reconciles now (start-up) and then every interval; the returned function stops it. */
  startReconciling(): () => Promise<void>;
}

export function createAuditServices(prisma: PrismaClient, organizations: OrganizationsReader, logger: Logger, settings: AuditSettings): AuditServices {
  const recorder = new PrismaAuditRecorder(prisma);
  const idempotency = new PrismaIdempotencyStore(prisma);
  const reconcileLogger = logger.child({ component: 'audit-reconciler' });
  const evidence = createEventEvidence(new OwnChangeLookup(prisma), reconcileLogger);
  const reconciler = new Reconciler(prisma, recorder, idempotency, organizations, reconcileLogger, { graceMs: settings.reconcileGraceMs, evidence });
  return {
    recorder,
    log: new PrismaAuditLog(prisma),
    idempotency,
    reconciler,
    evidence,
    startReconciling() {
      let running: Promise<void> = Promise.resolve();
      let stopped = false;
      const pass = () => {
        if (stopped) return;
        running = reconciler.runOnce().then(
          (report) => reconcileLogger.info({ resolved: report.resolved.length, deferred: report.deferred }, 'audit reconciliation finished'),
          (err) => reconcileLogger.error({ err }, 'audit reconciliation failed; will retry'),
        );
      };
      pass();
      const timer = settings.reconcileIntervalMs > 0 ? setInterval(() => void running.then(pass), settings.reconcileIntervalMs) : undefined;
      timer?.unref();
      return async () => {
        stopped = true;
        if (timer) clearInterval(timer);
        await running;
      };
    },
  };
}
