import type { PolicyType } from './policy-type';
import type { Diagnostic, IgnoredChange, ProvenanceEntry, StructuralDiff } from './policy';

export type EffectivePolicySource = 'COMPUTED' | 'UPSTREAM';

/** An account's effective policy of one type, as computed by the engine or as AWS reports it. */
export interface AccountEffectivePolicy {
  readonly accountId: string;
  readonly type: PolicyType;
  readonly source: EffectivePolicySource;
  readonly content: Record<string, unknown> | null;
  readonly provenance: readonly ProvenanceEntry[];
  readonly ignoredChanges: readonly IgnoredChange[];
  readonly lastUpdatedAt: Date | undefined;
}

/** One account whose effective content a what-if would change. */
export interface AccountPolicyImpact {
  readonly accountId: string;
  readonly before: AccountEffectivePolicy;
  readonly after: AccountEffectivePolicy;
  readonly diff: StructuralDiff;
}

export interface PolicyChangePreview {
  readonly impacts: readonly AccountPolicyImpact[];
  readonly diagnostics: readonly Diagnostic[];
}
