import { computeEffectivePolicy, renderEffectivePolicy } from '../index';
import { account, ou, policy, root } from './harness';

const tagValue = (op: string, values: unknown, key = 'team') => ({ tags: { [key]: { tag_value: { [op]: values } } } });

describe('computeEffectivePolicy', () => {
  it('returns null content when no policy of the type is attached on the path', () => {
    expect(computeEffectivePolicy('TAG_POLICY', [root(), ou('ou-1'), account('a-1')])).toEqual({ content: null, provenance: [], ignoredChanges: [] });
  });

  it('returns an empty document when policies are attached but set nothing', () => {
    expect(computeEffectivePolicy('TAG_POLICY', [root(policy('p-1', { tags: {} })), account('a-1')]).content).toEqual({});
  });

  it('returns null content for SCPs, which have no effective policy', () => {
    const scp = policy('p-scp', { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } });
    expect(computeEffectivePolicy('SERVICE_CONTROL_POLICY', [root(scp), account('a-1')]).content).toBeNull();
  });

  it('records provenance for every scalar and every array element', () => {
    const effective = computeEffectivePolicy('TAG_POLICY', [
      root(policy('p-root', { tags: { team: { tag_key: { '@@assign': 'Team' }, tag_value: { '@@assign': ['a', 'b'] } } } }, 'Root tags')),
      ou('ou-1', policy('p-ou', tagValue('@@append', ['c']))),
      account('a-1', policy('p-acct', tagValue('@@remove', ['a']))),
    ]);
    expect(effective.content).toEqual({ tags: { team: { tag_key: 'Team', tag_value: ['b', 'c'] } } });
    expect(effective.provenance).toEqual([
      { path: '$.tags.team.tag_key', value: 'Team', policyId: 'p-root', policyName: 'Root tags', nodeId: 'r-root', nodeKind: 'ROOT', operator: '@@assign' },
      expect.objectContaining({ path: '$.tags.team.tag_value[0]', value: 'b', policyId: 'p-root', operator: '@@assign' }),
      expect.objectContaining({ path: '$.tags.team.tag_value[1]', value: 'c', policyId: 'p-ou', nodeKind: 'ORGANIZATIONAL_UNIT', operator: '@@append' }),
      expect.objectContaining({ path: '$.tags.team.tag_value', value: ['a'], policyId: 'p-acct', nodeKind: 'ACCOUNT', operator: '@@remove' }),
    ]);
  });

  it('merges tag policy keys that differ only in case, keeping the first key spelling position', () => {
    const effective = computeEffectivePolicy('TAG_POLICY', [
      root(policy('p-1', { tags: { CostCenter: { tag_key: { '@@assign': 'CostCenter' } } } })),
      account('a-1', policy('p-2', { tags: { costcenter: { tag_value: { '@@assign': ['x'] } } } })),
    ]);
    expect(effective.content).toEqual({ tags: { costcenter: { tag_key: 'CostCenter', tag_value: ['x'] } } });
  });

  it('does not duplicate an appended value that is already inherited', () => {
    const effective = computeEffectivePolicy('TAG_POLICY', [
      root(policy('p-1', tagValue('@@assign', ['a']))),
      account('a-1', policy('p-2', tagValue('@@append', ['a', 'b']))),
    ]);
    expect(effective.content).toEqual({ tags: { team: { tag_value: ['a', 'b'] } } });
  });

  it('ignores @@remove of values that are not inherited', () => {
    const effective = computeEffectivePolicy('TAG_POLICY', [
      root(policy('p-1', tagValue('@@assign', ['a']))),
      account('a-1', policy('p-2', tagValue('@@remove', ['z']))),
    ]);
    expect(effective.content).toEqual({ tags: { team: { tag_value: ['a'] } } });
    expect(effective.ignoredChanges).toEqual([]);
  });

  it('records an @@append onto an inherited scalar as an ignored change', () => {
    const effective = computeEffectivePolicy('CHATBOT_POLICY', [
      root(policy('p-1', { x: { y: { '@@assign': 'scalar' } } })),
      account('a-1', policy('p-2', { x: { y: { '@@append': ['v'] } } })),
    ]);
    expect(effective.content).toEqual({ x: { y: 'scalar' } });
    expect(effective.ignoredChanges).toEqual([
      {
        kind: 'OPERATOR_NOT_APPLICABLE',
        path: '$.x.y',
        operator: '@@append',
        attemptedValue: ['v'],
        policyId: 'p-2',
        policyName: 'Policy p-2',
        nodeId: 'a-1',
        reason: expect.stringContaining('not an array'),
      },
    ]);
  });

  it('lets a lock restrict operators without locking the value for allowed ones', () => {
    const parent = policy('p-1', { tags: { team: { tag_value: { '@@operators_allowed_for_child_policies': ['@@assign'], '@@assign': ['a'] } } } });
    const effective = computeEffectivePolicy('TAG_POLICY', [
      root(parent),
      ou('ou-1', policy('p-2', tagValue('@@append', ['b']))),
      account('a-1', policy('p-3', tagValue('@@assign', ['z']))),
    ]);
    expect(effective.content).toEqual({ tags: { team: { tag_value: ['z'] } } });
    expect(effective.ignoredChanges).toEqual([expect.objectContaining({ operator: '@@append', nodeId: 'ou-1', allowedOperators: ['@@assign'] })]);
  });

  it('cannot loosen an inherited restriction further down', () => {
    const parent = policy('p-1', { tags: { team: { tag_value: { '@@operators_allowed_for_child_policies': ['@@append'], '@@assign': ['a'] } } } });
    const loosen = policy('p-2', { tags: { team: { tag_value: { '@@operators_allowed_for_child_policies': ['@@all'] } } } });
    const effective = computeEffectivePolicy('TAG_POLICY', [root(parent), ou('ou-1', loosen), account('a-1', policy('p-3', tagValue('@@remove', ['a'])))]);
    expect(effective.content).toEqual({ tags: { team: { tag_value: ['a'] } } });
    expect(effective.ignoredChanges[0]).toMatchObject({ kind: 'LOCKED_BY_PARENT', lockedByPolicyId: 'p-1', lockedAtNodeId: 'r-root' });
  });

  it('does not let same-node policies lock each other; locks apply from the next level down', () => {
    const lock = policy('p-1', { tags: { team: { tag_key: { '@@operators_allowed_for_child_policies': ['@@none'] } } } });
    const set = policy('p-2', { tags: { team: { tag_key: { '@@assign': 'Team' } } } });
    const effective = computeEffectivePolicy('TAG_POLICY', [
      root(lock, set),
      account('a-1', policy('p-3', { tags: { team: { tag_key: { '@@assign': 'TEAM' } } } })),
    ]);
    expect(effective.content).toEqual({ tags: { team: { tag_key: 'Team' } } });
    expect(effective.ignoredChanges).toHaveLength(1);
  });

  it('lower-cases backup plan and rule names, as the effective backup examples show', () => {
    const parent = policy('p-1', { plans: { PII_Backup_Plan: { rules: { Hourly: { target_backup_vault_name: { '@@assign': 'FortKnox' } } } } } });
    const child = policy('p-2', { plans: { PII_Backup_Plan: { rules: { HOURLY: { schedule_expression: { '@@assign': 'cron(0 0/1 ? * * *)' } } } } } });
    const effective = computeEffectivePolicy('BACKUP_POLICY', [root(parent), account('a-1', child)]);
    expect(renderEffectivePolicy(effective.content!)).toBe(
      '{"plans":{"pii_backup_plan":{"rules":{"hourly":{"target_backup_vault_name":"FortKnox","schedule_expression":"cron(0 0/1 ? * * *)"}}}}}',
    );
  });

  it('renders raw operator documents by inlining values and dropping child-control keys', () => {
    expect(
      renderEffectivePolicy({ services: { lex: { opt_out_policy: { '@@assign': 'optIn', '@@operators_allowed_for_child_policies': ['@@none'] } } } }),
    ).toBe('{"services":{"lex":{"opt_out_policy":"optIn"}}}');
  });
});
