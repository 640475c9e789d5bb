import { validatePolicy } from '../index';

const tag = (statement: unknown, key = 'costcenter'): string => JSON.stringify({ tags: { [key]: statement } });
const codes = (type: 'TAG_POLICY' | 'BACKUP_POLICY' | 'GUARDDUTY_POLICY', content: string): string[] =>
  validatePolicy(type, content).diagnostics.map((d) => `${d.severity} ${d.code} ${d.path}`);

describe('validatePolicy for tag policies', () => {
  it.each<[string, string, string[]]>([
    [
      'accepts the documented basic syntax',
      tag({
        tag_key: { '@@assign': 'CostCenter' },
        tag_value: { '@@assign': ['100', '200', '300*'] },
        enforced_for: { '@@assign': ['secretsmanager:ALL_SUPPORTED', 'ec2:instance'] },
      }),
      [],
    ],
    [
      'rejects a tag_key that differs from the policy key beyond case',
      tag({ tag_key: { '@@assign': 'Owner' } }),
      ['ERROR TAG_KEY_MISMATCH $.tags.costcenter.tag_key.@@assign'],
    ],
    ['rejects two wildcards in one value', tag({ tag_value: { '@@assign': ['a*b*'] } }), ['ERROR INVALID_WILDCARD $.tags.costcenter.tag_value.@@assign[0]']],
    [
      'rejects an all-services wildcard in enforced_for',
      tag({ enforced_for: { '@@assign': ['*'] } }),
      ['ERROR INVALID_WILDCARD $.tags.costcenter.enforced_for.@@assign[0]'],
    ],
    [
      'rejects enforced_for without service:resource form',
      tag({ enforced_for: { '@@assign': ['ec2'] } }),
      ['ERROR INVALID_VALUE $.tags.costcenter.enforced_for.@@assign[0]'],
    ],
    [
      'rejects @@append on tag_key, a single-valued setting',
      tag({ tag_key: { '@@append': ['CostCenter'] } }),
      ['ERROR OPERATOR_NOT_ALLOWED $.tags.costcenter.tag_key.@@append'],
    ],
    ['rejects @@append with a non-array value', tag({ tag_value: { '@@append': 'x' } }), ['ERROR INVALID_VALUE $.tags.costcenter.tag_value.@@append']],
    ['rejects unknown keys in a tag statement', tag({ tag_values: { '@@assign': ['x'] } }), ['ERROR UNKNOWN_KEY $.tags.costcenter.tag_values']],
    ['rejects an unknown operator', tag({ tag_value: { '@@replace': ['x'] } }), ['ERROR UNKNOWN_OPERATOR $.tags.costcenter.tag_value.@@replace']],
    [
      'rejects an empty child-control list',
      tag({ tag_value: { '@@operators_allowed_for_child_policies': [] } }),
      ['ERROR INVALID_VALUE $.tags.costcenter.tag_value.@@operators_allowed_for_child_policies'],
    ],
    [
      'rejects @@none mixed with other operators',
      tag({ tag_value: { '@@operators_allowed_for_child_policies': ['@@none', '@@append'] } }),
      ['ERROR INVALID_VALUE $.tags.costcenter.tag_value.@@operators_allowed_for_child_policies'],
    ],
    [
      'rejects an unknown child-control value',
      tag({ tag_value: { '@@operators_allowed_for_child_policies': ['@@ALL'] } }),
      ['ERROR INVALID_VALUE $.tags.costcenter.tag_value.@@operators_allowed_for_child_policies[0]'],
    ],
    ['rejects @@assign directly on a container', JSON.stringify({ tags: { '@@assign': 'x' } }), ['ERROR OPERATOR_NOT_ALLOWED $.tags.@@assign']],
    ['rejects policy keys that differ only in case', JSON.stringify({ tags: { costcenter: {}, CostCenter: {} } }), ['ERROR DUPLICATE_KEY $.tags.CostCenter']],
    ['requires the tags top-level key', JSON.stringify({ costcenter: {} }), ['ERROR UNKNOWN_KEY $.costcenter', 'ERROR MISSING_KEY $.tags']],
  ])('%s', (_title, content, expected) => {
    expect(codes('TAG_POLICY', content)).toEqual(expected);
  });
});

describe('validatePolicy for backup policies', () => {
  const plan = {
    regions: { '@@append': ['us-east-1', 'eu-north-1'] },
    rules: {
      My_Hourly_Rule: {
        schedule_expression: { '@@assign': 'cron(0 5 ? * * *)' },
        start_backup_window_minutes: { '@@assign': '60' },
        target_backup_vault_name: { '@@assign': 'My_Backup_Vault' },
        lifecycle: { move_to_cold_storage_after_days: { '@@assign': '180' }, delete_after_days: { '@@assign': '270' } },
        copy_actions: {
          'arn:aws:backup:us-west-2:$account:backup-vault:My_Secondary_Vault': {
            target_backup_vault_arn: { '@@assign': 'arn:aws:backup:us-west-2:$account:backup-vault:My_Secondary_Vault' },
          },
        },
        recovery_point_tags: { owner: { tag_key: { '@@assign': 'Owner' }, tag_value: { '@@assign': 'Backup' } } },
      },
    },
    selections: {
      tags: {
        datatype: {
          iam_role_arn: { '@@assign': 'arn:aws:iam::$account:role/MyIamRole' },
          tag_key: { '@@assign': 'dataType' },
          tag_value: { '@@assign': ['PII', 'RED'] },
        },
      },
    },
    advanced_backup_settings: { ec2: { WindowsVSS: { '@@assign': 'enabled' } } },
    backup_plan_tags: { stage: { tag_key: { '@@assign': 'Stage' }, tag_value: { '@@assign': 'Beta' } } },
  };

  it.each<[string, string, string[]]>([
    ['accepts the documented full example', JSON.stringify({ plans: { PII_Backup_Plan: plan } }), []],
    ['requires plans at the top level', JSON.stringify({ plan: {} }), ['ERROR UNKNOWN_KEY $.plan', 'ERROR MISSING_KEY $.plans']],
    [
      'warns about an undocumented rule key',
      JSON.stringify({ plans: { p: { rules: { r: { new_option: { '@@assign': 'x' } } } } } }),
      ['WARNING UNKNOWN_KEY $.plans.p.rules.r.new_option'],
    ],
    [
      'rejects a non-numeric window',
      JSON.stringify({ plans: { p: { rules: { r: { start_backup_window_minutes: { '@@assign': 'soon' } } } } } }),
      ['ERROR INVALID_VALUE $.plans.p.rules.r.start_backup_window_minutes.@@assign'],
    ],
    [
      'rejects @@remove on a scalar setting',
      JSON.stringify({ plans: { p: { rules: { r: { target_backup_vault_name: { '@@remove': ['v'] } } } } } }),
      ['ERROR OPERATOR_NOT_ALLOWED $.plans.p.rules.r.target_backup_vault_name.@@remove'],
    ],
  ])('%s', (_title, content, expected) => {
    expect(codes('BACKUP_POLICY', content)).toEqual(expected);
  });

  it('rejects content over 10,000 characters', () => {
    const content = JSON.stringify({ plans: { p: { regions: { '@@assign': Array.from({ length: 1200 }, (_, i) => `region-${i}`) } } } });
    expect(content.length).toBeGreaterThan(10_000);
    expect(codes('BACKUP_POLICY', content)).toEqual(['ERROR CONTENT_TOO_LONG $']);
  });
});

describe('validatePolicy for management types without a documented syntax (the generic grammar)', () => {
  it.each<[string, string, string[]]>([
    [
      'accepts any nesting of operators, warning that the top-level key is unchecked',
      JSON.stringify({ guardduty: { x: { '@@assign': 'y', '@@operators_allowed_for_child_policies': ['@@none'] } } }),
      ['WARNING UNKNOWN_KEY $.guardduty'],
    ],
    [
      'still rejects unknown operators',
      JSON.stringify({ guardduty: { '@@set': 1 } }),
      ['WARNING UNKNOWN_KEY $.guardduty', 'ERROR UNKNOWN_OPERATOR $.guardduty.@@set'],
    ],
    [
      'rejects nested keys beside a value operator',
      JSON.stringify({ a: { '@@assign': 1, b: { '@@assign': 2 } } }),
      ['WARNING UNKNOWN_KEY $.a', 'ERROR UNKNOWN_KEY $.a.b'],
    ],
    [
      'rejects two value operators on one setting',
      JSON.stringify({ a: { '@@assign': [1], '@@append': [2] } }),
      ['WARNING UNKNOWN_KEY $.a', 'ERROR CONFLICTING_OPERATORS $.a'],
    ],
  ])('%s', (_title, content, expected) => {
    expect(codes('GUARDDUTY_POLICY', content)).toEqual(expected);
  });
});
