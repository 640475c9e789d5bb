import type { PolicyType } from '../policy-type';

/**
 * Keys AWS documents as case-insensitive identifiers, lower-cased so that "CostCenter" in one policy
 * and "costcenter" in another merge as the same statement (digest §b "Case rules").
 * - Tag policies: the policy key under `tags`.
 * - Backup policies: plan names, rule names, selection identifiers under `selections.tags`, and the
 *   tag identifiers under `recovery_point_tags` and `backup_plan_tags`. The one DescribeEffectivePolicy
 *   output the user guide prints for a known input shows `PII_Backup_Plan` → `pii_backup_plan` and
 *   `Hourly` → `hourly` ("Using backup policies in the AWS CLI",
 *   https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_backup_cli.html);
 *   the syntax page's hand-written results keep the plan name's case but contradict their own inputs
 *   elsewhere too, so the API output wins. copy_actions keys keep their case: they are ARNs.
 */
export type KeyNormalizer = (parentKeys: readonly string[], key: string) => string;

const identity: KeyNormalizer = (_parents, key) => key;

const tagPolicy: KeyNormalizer = (parents, key) => (parents.length === 1 && parents[0] === 'tags' ? key.toLowerCase() : key);

const backupPolicy: KeyNormalizer = (parents, key) => {
  if (parents[0] !== 'plans') return key;
  const [, , section, , sub] = parents;
  const lower =
    parents.length === 1 ||
    (parents.length === 3 && (section === 'rules' || section === 'backup_plan_tags')) ||
    (parents.length === 4 && section === 'selections' && parents[3] === 'tags') ||
    (parents.length === 5 && section === 'rules' && sub === 'recovery_point_tags');
  return lower ? key.toLowerCase() : key;
};

export function keyNormalizerFor(type: PolicyType): KeyNormalizer {
  if (type === 'TAG_POLICY') return tagPolicy;
  if (type === 'BACKUP_POLICY') return backupPolicy;
  return identity;
}
