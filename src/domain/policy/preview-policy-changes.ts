import type { PolicyType } from '../policy-type';
import { applyPolicyChanges, type PolicyChange } from './apply-policy-changes';
import { computeEffectivePoliciesForTree } from './compute-effective-policies-for-tree';
import type { Diagnostic } from './diagnostic';
import { diffDocuments, type StructuralDiff } from './diff-documents';
import type { EffectivePolicy } from './effective-types';
import { deepEqual } from './merge-tree';
import { buildTrees, type OrgSnapshot, toWorkingOrg, type WorkingOrg } from './org-snapshot';
import { contentUseChange, type ContentUseChange } from './stored-content';

export interface AccountImpact extends ContentUseChange {
  accountId: string;
  accountName: string;
  before: EffectivePolicy;
  after: EffectivePolicy;
  diff: StructuralDiff;
}
export interface WhatIfResult {
  /** only accounts whose effective content changed (no policy before or after counts), in snapshot node order */
  impacts: AccountImpact[];
  /** e.g. invalid content in a change, unknown ids */
  diagnostics: Diagnostic[];
}

/**
 * What-if: the effective policy of every account before and after a list of changes, changing
 * nothing (the snapshot is copied first). Only a change of effective *content* makes an impact;
 * a change that only alters provenance or ignoredChanges does not.
 */
export function previewPolicyChanges(type: PolicyType, snapshot: OrgSnapshot, changes: PolicyChange[]): WhatIfResult {
  const diagnostics: Diagnostic[] = [];
  const beforeOrg = toWorkingOrg(snapshot);
  const before = effectiveByAccount(type, beforeOrg, diagnostics);
  const afterOrg = toWorkingOrg(snapshot);
  applyPolicyChanges(type, afterOrg, changes, diagnostics);
  const after = effectiveByAccount(type, afterOrg, []);

  const empty: EffectivePolicy = { content: null, provenance: [], ignoredChanges: [] };
  const impacts: AccountImpact[] = [];
  for (const node of afterOrg.nodes.values()) {
    if (node.kind !== 'ACCOUNT') continue;
    const b = before.get(node.id) ?? empty;
    const a = after.get(node.id) ?? empty;
    if (deepEqual(b.content, a.content)) continue;
    impacts.push({
      accountId: node.id,
      accountName: node.name,
      before: b,
      after: a,
      diff: diffDocuments(b.content, a.content),
      ...contentUseChange(type, b, a),
    });
  }
  return { impacts, diagnostics };
}

function effectiveByAccount(type: PolicyType, org: WorkingOrg, diagnostics: Diagnostic[]): Map<string, EffectivePolicy> {
  const result = new Map<string, EffectivePolicy>();
  for (const root of buildTrees(type, org, diagnostics)) {
    for (const [id, policy] of computeEffectivePoliciesForTree(type, root)) result.set(id, policy);
  }
  return result;
}
