import { computeEffectivePoliciesForTree, computeEffectivePolicy, type InheritedLocks } from '../index';
import type { TreeNode } from '../effective-types';
import { account, ou, policy, root } from './harness';

/**
 * A child-control list that allows @@append on a container lets child policies add entries the
 * container does not inherit, and nothing else (user guide, backup policy syntax Example 4,
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_backup_syntax.html#backup-policy-example-4:
 * "The @@append setting at that level enables child policies to add other plans to the collection
 * in the effective policy. Any changes to the inherited plan are still blocked.").
 */
const CONTROL = '@@operators_allowed_for_child_policies';
const plan = (region: string) => ({ regions: { '@@assign': [region] }, rules: { Daily: { target_backup_vault_name: { '@@assign': 'Vault' } } } });
const rendered = (region: string) => ({ regions: [region], rules: { daily: { target_backup_vault_name: 'Vault' } } });

const appendOnPlans = policy('p-parent', { plans: { [CONTROL]: ['@@append'], PII_Backup_Plan: plan('us-east-1') } });
const appendOnPlansNoneOnPlan = policy('p-parent', { plans: { [CONTROL]: ['@@append'], PII_Backup_Plan: { [CONTROL]: ['@@none'], ...plan('us-east-1') } } });

describe('a lock that allows @@append on a container', () => {
  it('accepts a new plan under ["@@append"] on plans, with the @@assign values inside it', () => {
    const child = policy('p-child', { plans: { MonthlyBackupPlan: plan('eu-central-1') } });
    const effective = computeEffectivePolicy('BACKUP_POLICY', [root(appendOnPlans), ou('ou-1', child), account('111111111111')]);
    expect(effective.content).toEqual({ plans: { pii_backup_plan: rendered('us-east-1'), monthlybackupplan: rendered('eu-central-1') } });
    expect(effective.ignoredChanges).toEqual([]);
  });

  it('ignores a change to an inherited plan under the same lock and reports it as LOCKED_BY_PARENT', () => {
    const child = policy('p-child', { plans: { PII_Backup_Plan: { regions: { '@@assign': ['eu-west-1'] } } } });
    const effective = computeEffectivePolicy('BACKUP_POLICY', [root(appendOnPlans), account('111111111111', child)]);
    expect(effective.content).toEqual({ plans: { pii_backup_plan: rendered('us-east-1') } });
    expect(effective.ignoredChanges).toEqual([
      expect.objectContaining({
        kind: 'LOCKED_BY_PARENT',
        path: '$.plans.pii_backup_plan.regions',
        operator: '@@assign',
        policyId: 'p-child',
        lockedByPolicyId: 'p-parent',
        lockedAtNodeId: 'r-root',
        allowedOperators: ['@@append'],
      }),
    ]);
  });

  it('still lets a child append to an inherited array under it, since @@append is the operator it allows', () => {
    const child = policy('p-child', { plans: { PII_Backup_Plan: { regions: { '@@append': ['eu-west-1'] } } } });
    const effective = computeEffectivePolicy('BACKUP_POLICY', [root(appendOnPlans), account('111111111111', child)]);
    expect(effective.content).toEqual({ plans: { pii_backup_plan: { ...rendered('us-east-1'), regions: ['us-east-1', 'eu-west-1'] } } });
    expect(effective.ignoredChanges).toEqual([]);
  });

  it('ignores a change to an inherited rule under the plan, even a new key inside it, when ["@@none"] is on that plan, while a new sibling plan is accepted', () => {
    const child = policy('p-child', {
      plans: {
        PII_Backup_Plan: { regions: { '@@append': ['eu-west-1'] }, rules: { Weekly: { target_backup_vault_name: { '@@assign': 'Other' } } } },
        MonthlyBackupPlan: plan('eu-central-1'),
      },
    });
    const effective = computeEffectivePolicy('BACKUP_POLICY', [root(appendOnPlansNoneOnPlan), account('111111111111', child)]);
    expect(effective.content).toEqual({ plans: { pii_backup_plan: rendered('us-east-1'), monthlybackupplan: rendered('eu-central-1') } });
    expect(effective.ignoredChanges.map((c) => [c.kind, c.path, c.operator, c.kind === 'LOCKED_BY_PARENT' && c.allowedOperators])).toEqual([
      ['LOCKED_BY_PARENT', '$.plans.pii_backup_plan.regions', '@@append', []],
      ['LOCKED_BY_PARENT', '$.plans.pii_backup_plan.rules.weekly.target_backup_vault_name', '@@assign', []],
    ]);
  });

  it('applies the locks a new plan carries to the nodes below the one that added it, where the plan is inherited', () => {
    // Below ou-1 the new plan is inherited, so the root's ["@@append"] allows only @@append there, and the OU's ["@@none"] not even that.
    const ouPolicy = policy('p-ou', { plans: { MonthlyBackupPlan: { [CONTROL]: ['@@none'], ...plan('eu-central-1') } } });
    const accountPolicy = policy('p-acct', { plans: { MonthlyBackupPlan: { regions: { '@@append': ['eu-west-1'] } } } });
    const effective = computeEffectivePolicy('BACKUP_POLICY', [root(appendOnPlans), ou('ou-1', ouPolicy), account('111111111111', accountPolicy)]);
    expect(effective.content).toEqual({ plans: { pii_backup_plan: rendered('us-east-1'), monthlybackupplan: rendered('eu-central-1') } });
    expect(effective.ignoredChanges).toEqual([
      expect.objectContaining({ kind: 'LOCKED_BY_PARENT', policyId: 'p-acct', lockedByPolicyId: 'p-ou', lockedAtNodeId: 'ou-1' }),
    ]);
  });

  it('gives a child no new plan when a same-node ["@@none"] on plans intersects the ["@@append"]', () => {
    const none = policy('p-none', { plans: { [CONTROL]: ['@@none'] } });
    const child = policy('p-child', { plans: { MonthlyBackupPlan: plan('eu-central-1') } });
    const effective = computeEffectivePolicy('BACKUP_POLICY', [root(appendOnPlans, none), account('111111111111', child)]);
    expect(effective.content).toEqual({ plans: { pii_backup_plan: rendered('us-east-1') } });
    expect(effective.ignoredChanges.map((c) => [c.kind, c.path, c.kind === 'LOCKED_BY_PARENT' && c.lockedByPolicyId])).toEqual([
      ['LOCKED_BY_PARENT', '$.plans.monthlybackupplan.regions', 'p-none'],
      ['LOCKED_BY_PARENT', '$.plans.monthlybackupplan.rules.daily.target_backup_vault_name', 'p-none'],
    ]);
  });

  it('lets a child add a tag key under ["@@append"] on tags but not reassign an inherited one', () => {
    const parent = policy('p-parent', { tags: { [CONTROL]: ['@@append'], costcenter: { tag_key: { '@@assign': 'CostCenter' } } } });
    const child = policy('p-child', { tags: { costcenter: { tag_key: { '@@assign': 'COSTCENTER' } }, project: { tag_key: { '@@assign': 'Project' } } } });
    const effective = computeEffectivePolicy('TAG_POLICY', [root(parent), account('111111111111', child)]);
    expect(effective.content).toEqual({ tags: { costcenter: { tag_key: 'CostCenter' }, project: { tag_key: 'Project' } } });
    expect(effective.ignoredChanges.map((c) => [c.kind, c.path])).toEqual([['LOCKED_BY_PARENT', '$.tags.costcenter.tag_key']]);
  });

  it('keeps ["@@append"] on tag_value about elements: an @@assign there is ignored even where no value is inherited', () => {
    const parent = policy('p-parent', { tags: { team: { tag_value: { [CONTROL]: ['@@append'] } } } });
    const child = policy('p-child', { tags: { team: { tag_value: { '@@assign': ['a'] } } } });
    const appender = policy('p-app', { tags: { team: { tag_value: { '@@append': ['b'] } } } });
    expect(computeEffectivePolicy('TAG_POLICY', [root(parent), account('111111111111', child)]).ignoredChanges).toEqual([
      expect.objectContaining({ kind: 'LOCKED_BY_PARENT', path: '$.tags.team.tag_value', operator: '@@assign' }),
    ]);
    expect(computeEffectivePolicy('TAG_POLICY', [root(parent), account('111111111111', appender)]).content).toEqual({ tags: { team: { tag_value: ['b'] } } });
  });
});

describe('the child-control lists an account inherits', () => {
  it('allow every operator on a plan the account does not inherit and only @@append on an inherited one', () => {
    const tree: TreeNode = { ...root(appendOnPlansNoneOnPlan), children: [{ ...account('111111111111'), children: [] }] };
    const heard = new Map<string, InheritedLocks>();
    computeEffectivePoliciesForTree('BACKUP_POLICY', tree, [], (id, locks) => heard.set(id, locks));
    const locks = heard.get('111111111111')!;
    expect(locks.at(['plans', 'monthlybackupplan', 'regions']).allowed).toEqual(['@@assign', '@@append', '@@remove']);
    expect(locks.at(['plans', 'pii_backup_plan', 'regions'])).toEqual({
      allowed: [],
      forbiddenBy: expect.objectContaining({ '@@assign': expect.objectContaining({ policyId: 'p-parent', nodeId: 'r-root' }) }),
    });
  });
});
