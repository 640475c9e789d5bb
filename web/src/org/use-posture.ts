import type { ServicePosture } from './posture-chips';

/**
 * Each account's AI opt-out posture per service, from Query.aiOptOutPosture (slice "posture",
 * CONTRACTS.md). Until that query is on main there is nothing to read, and no chips are shown.
 */
export function usePosture(_enabled: boolean): ReadonlyMap<string, readonly ServicePosture[]> | undefined {
  return undefined;
}
