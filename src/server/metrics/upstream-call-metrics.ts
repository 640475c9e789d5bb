import type { UpstreamCallEvent } from '../../upstream/paced-send';
import type { Metrics } from './metrics';

/**
 * The upstream client's onUpstreamCall hook as series: one count per call (its pages count one each),
 * by Organizations operation and final outcome (ok, throttled, failed, unknown), with its duration,
 * waiting for a turn and backoff included.
 */
export function upstreamCallRecorder(metrics: Metrics): (event: UpstreamCallEvent) => void {
  return ({ operation, outcome, durationMs }) => {
    metrics.upstreamCalls.inc({ operation, outcome });
    metrics.upstreamDuration.observe({ operation, outcome }, durationMs / 1000);
  };
}
