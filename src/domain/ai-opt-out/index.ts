/** AI services opt-out governance over the policy engine (issue 12). Pure, like src/domain/policy. */
export type {
  AccountPosture,
  AiOptOutPostureReport,
  OuPostureTotals,
  PostureInput,
  PostureStatus,
  PostureTreeNode,
  ServicePosture,
  ServiceTotals,
  UnknownReason,
} from './posture-types';
export { aiOptOutPosture } from './ai-opt-out-posture';
