/**
 * The policy engine: validation, effective policy with provenance, what-if.
 * Pure: no I/O, no clock, no env. Other layers import from here only.
 */
export type { Severity, Diagnostic, ValidationResult, DiagnosticCode } from './diagnostic';
export { DIAGNOSTIC_CODES } from './diagnostic';
export { validatePolicy } from './validate-policy';
export { malformedPolicyMessage, MALFORMED_POLICY_PREFIX } from './malformed-policy-message';
export type { AttachedPolicy, NodeKind, PathNode, ProvenanceEntry, IgnoredChange, IgnoredChangeKind, EffectivePolicy, TreeNode } from './effective-types';
export { computeEffectivePolicy } from './compute-effective-policy';
export { renderEffectivePolicy } from './render-effective-policy';
export { computeEffectivePoliciesForTree } from './compute-effective-policies-for-tree';
export type { InheritedLocks, ChildControlAt, LockHolder } from './inherited-locks';
export type { OrgSnapshot } from './org-snapshot';
export type { PolicyChange } from './apply-policy-changes';
export type { StructuralDiff } from './diff-documents';
export { diffDocuments } from './diff-documents';
export type { AccountImpact, WhatIfResult } from './preview-policy-changes';
export { previewPolicyChanges } from './preview-policy-changes';
export { AI_OPT_OUT_SERVICE_KEYS, AI_OPT_OUT_VALUES } from './ai-opt-out-schema';
export type {
  AiOptOutSetting,
  AiOptOutSettingSource,
  AiServiceSetting,
  StoredContentDeletion,
  ContentUseResumption,
  AiOptOutTransitions,
} from './ai-opt-out-setting';
export { aiServiceSetting, aiServicesOf, aiOptOutTransitions, optOutPath, DEFAULT_SERVICE_KEY } from './ai-opt-out-setting';
export type { EffectivePolicyValidationError } from './effective-policy-validation-errors';
export { effectivePolicyValidationErrors } from './effective-policy-validation-errors';
export type { Acknowledgement, ContentUseChange, StoredContentDeletionImpact } from './stored-content';
export { STORED_CONTENT_POLICY_TYPE, contentUseChange, storedContentDeletions, requiredAcknowledgements } from './stored-content';
