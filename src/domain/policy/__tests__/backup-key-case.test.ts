import { computeEffectivePolicy, renderEffectivePolicy } from '../index';
import { account, ou, policy, root } from './harness';

/**
 * Backup policies name plans, rules and selections with identifiers AWS compares without case and
 * prints lower-cased in the effective policy. The user guide's DescribeEffectivePolicy output for
 * its own CLI example shows "PII_Backup_Plan" as "pii_backup_plan" and "Hourly" as "hourly":
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_backup_cli.html
 */
const regions = (plan: string, op: string, values: string[]) => ({ plans: { [plan]: { regions: { [op]: values } } } });

describe('backup identifiers compare without case', () => {
  it('prints the documented CLI example with the plan and rule names lower-cased', () => {
    const documented = policy('p-examplepolicyid123', {
      plans: {
        PII_Backup_Plan: {
          regions: { '@@assign': ['ap-northeast-2', 'us-east-1', 'eu-north-1'] },
          rules: { Hourly: { schedule_expression: { '@@assign': 'cron(0 5/1 ? * * *)' }, target_backup_vault_name: { '@@assign': 'FortKnox' } } },
          selections: { tags: { datatype: { tag_key: { '@@assign': 'dataType' } } } },
        },
      },
    });
    const effective = computeEffectivePolicy('BACKUP_POLICY', [root(), account('123456789012', documented)]);
    expect(Object.keys((effective.content as { plans: object }).plans)).toEqual(['pii_backup_plan']);
    expect(renderEffectivePolicy(effective.content!)).toContain('"rules":{"hourly":');
  });

  it('merges a child plan into the parent plan whose name differs only in case', () => {
    const effective = computeEffectivePolicy('BACKUP_POLICY', [
      root(policy('p-parent', regions('PII_Backup_Plan', '@@assign', ['us-east-1']))),
      ou('ou-1', policy('p-child', regions('pii_BACKUP_plan', '@@append', ['eu-central-1']))),
      account('a-1'),
    ]);
    expect(effective.content).toEqual({ plans: { pii_backup_plan: { regions: ['us-east-1', 'eu-central-1'] } } });
  });

  it('applies a lock on a plan to a child that spells the plan name differently', () => {
    const parent = policy('p-parent', {
      plans: { PII_Backup_Plan: { '@@operators_allowed_for_child_policies': ['@@none'], regions: { '@@assign': ['us-east-1'] } } },
    });
    const child = policy('p-child', regions('pii_backup_plan', '@@assign', ['us-west-2']));
    const monthly = policy('p-monthly', regions('MonthlyBackupPlan', '@@assign', ['us-east-1']));
    const effective = computeEffectivePolicy('BACKUP_POLICY', [root(parent), account('a-1', child, monthly)]);
    expect(effective.content).toEqual({ plans: { pii_backup_plan: { regions: ['us-east-1'] }, monthlybackupplan: { regions: ['us-east-1'] } } });
    expect(effective.ignoredChanges).toEqual([
      expect.objectContaining({ kind: 'LOCKED_BY_PARENT', path: '$.plans.pii_backup_plan.regions', policyId: 'p-child', lockedByPolicyId: 'p-parent' }),
    ]);
  });

  it('keeps the case of copy_actions keys, which are vault ARNs', () => {
    const arn = 'arn:aws:backup:us-east-1:$account:backup-vault:Secondary_Vault';
    const effective = computeEffectivePolicy('BACKUP_POLICY', [
      root(policy('p-1', { plans: { Daily: { rules: { Nightly: { copy_actions: { [arn]: { target_backup_vault_arn: { '@@assign': arn } } } } } } } })),
      account('a-1'),
    ]);
    expect(effective.content).toEqual({ plans: { daily: { rules: { nightly: { copy_actions: { [arn]: { target_backup_vault_arn: arn } } } } } } });
  });
});
