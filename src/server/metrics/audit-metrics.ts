import type { AuditRecorder } from '../../domain/ports';
import type { PrismaClient } from '../../generated/prisma/client';
import type { Metrics } from './metrics';

/** The audit recorder with each append timed, by row kind and outcome (ok, failed). */
export function timedRecorder(recorder: AuditRecorder, metrics: Metrics): AuditRecorder {
  const timed =
    <Args extends unknown[]>(kind: string, append: (...args: Args) => Promise<string>) =>
    async (...args: Args): Promise<string> => {
      const stop = metrics.auditAppendDuration.startTimer({ kind });
      try {
        const id = await append(...args);
        stop({ outcome: 'ok' });
        return id;
      } catch (error) {
        stop({ outcome: 'failed' });
        throw error;
      }
    };
  return {
    recordIntent: timed('intent', (intent) => recorder.recordIntent(intent)),
    recordResult: timed('result', (intentId, result) => recorder.recordResult(intentId, result)),
    recordResolution: timed('resolution', (intentId, resolution) => recorder.recordResolution(intentId, resolution)),
    recordObservation: timed('observation', (observation) => recorder.recordObservation(observation)),
  };
}

/** Sets the chain-head gauge from the database (one indexed max), at scrape time: every replica reports the same head. */
export async function refreshChainHead(metrics: Metrics, prisma: PrismaClient): Promise<void> {
  const { _max } = await prisma.auditEvent.aggregate({ _max: { sequence: true } });
  metrics.auditChainHead.set(Number(_max.sequence ?? 0n));
}
