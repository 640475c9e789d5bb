import type { PolicySummary } from './organization-policy';

/** A policy attached to a node; `inherited` when asked about a descendant of that node. */
export interface PolicyAttachment {
  readonly policy: PolicySummary;
  readonly targetId: string;
  readonly inherited: boolean;
}
