import type { PolicyType } from './policy-type';
import type { Acknowledgement, ContentUseChange, Diagnostic, IgnoredChange, ProvenanceEntry, StructuralDiff } from './policy';

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

/** One account whose effective content a what-if would change, and what that does to AI services' stored content. */
export interface AccountPolicyImpact extends ContentUseChange {
  readonly accountId: string;
  readonly before: AccountEffectivePolicy;
  readonly after: AccountEffectivePolicy;
  readonly diff: StructuralDiff;
}

export interface PolicyChangePreview {
  readonly impacts: readonly AccountPolicyImpact[];
  readonly diagnostics: readonly Diagnostic[];
  /** AI services opt-out settings are global: they apply in all Regions. */
  readonly appliesInAllRegions: boolean;
  readonly requiredAcknowledgements: readonly Acknowledgement[];
}
