import type { Report } from './diagnostic';
import type { ContainerSchema, ManagementGrammar, Schema, SettingSchema } from './management-schema';
import { APPEND, ASSIGN, CHILD_CONTROL_VALUES, REMOVE } from './operators';

/**
 * Backup policy syntax (user guide "Backup policy syntax and examples", [UG22]):
 * `plans` → plan name → rules / regions / selections / advanced_backup_settings / backup_plan_tags.
 * Choice: the backup docs are internally inconsistent (digest "Not found") and AWS Backup keeps
 * adding rule options, so below the top level an undocumented key is a WARNING (UNKNOWN_KEY), and
 * only the top-level `plans` key and the operator grammar are hard errors.
 */
function expectString(label: string) {
  return (value: unknown, _op: unknown, path: string, report: Report): void => {
    if (typeof value !== 'string') report('ERROR', 'INVALID_VALUE', path, `${label} must be a string.`);
  };
}

function expectStringOrBoolean(label: string) {
  return (value: unknown, _op: unknown, path: string, report: Report): void => {
    if (typeof value !== 'string' && typeof value !== 'boolean') report('ERROR', 'INVALID_VALUE', path, `${label} must be true or false.`);
  };
}

function expectInteger(label: string) {
  return (value: unknown, _op: unknown, path: string, report: Report): void => {
    // The documented examples quote numbers ("180"); plain JSON integers are accepted too.
    const ok = (typeof value === 'number' && Number.isInteger(value) && value >= 0) || (typeof value === 'string' && /^\d+$/.test(value));
    if (!ok) report('ERROR', 'INVALID_VALUE', path, `${label} must be a whole number of minutes or days.`);
  };
}

const assignString = (label: string): SettingSchema => ({ kind: 'setting', operators: [ASSIGN], checkValue: expectString(label) });
const assignInteger = (label: string): SettingSchema => ({ kind: 'setting', operators: [ASSIGN], checkValue: expectInteger(label) });

const stringList: SettingSchema = {
  kind: 'setting',
  operators: [ASSIGN, APPEND, REMOVE],
  checkValue: (value, op, path, report) => {
    const ok = Array.isArray(value) ? value.every((v) => typeof v === 'string') : op === ASSIGN && typeof value === 'string';
    if (!ok) report('ERROR', 'INVALID_VALUE', path, 'This setting takes an array of strings.');
  },
};

const container = (keys: Record<string, Schema>, extra: Partial<ContainerSchema> = {}): ContainerSchema => ({
  kind: 'container',
  keys,
  unknownKeys: 'warn',
  ...extra,
});
const named = (dynamic: Schema): ContainerSchema => ({ kind: 'container', dynamic });

const tagPair = container({ tag_key: assignString('tag_key'), tag_value: stringList }, { required: ['tag_key'] });

const lifecycle = container({
  move_to_cold_storage_after_days: assignInteger('move_to_cold_storage_after_days'),
  delete_after_days: assignInteger('delete_after_days'),
  // The syntax page's Examples 1-3 assign the string "false", its Example 5 the JSON boolean false.
  opt_in_to_archive_for_supported_resources: {
    kind: 'setting',
    operators: [ASSIGN],
    checkValue: expectStringOrBoolean('opt_in_to_archive_for_supported_resources'),
  },
});

const rule = container({
  schedule_expression: assignString('schedule_expression'),
  schedule_expression_timezone: assignString('schedule_expression_timezone'),
  target_backup_vault_name: assignString('target_backup_vault_name'),
  start_backup_window_minutes: assignInteger('start_backup_window_minutes'),
  complete_backup_window_minutes: assignInteger('complete_backup_window_minutes'),
  enable_continuous_backup: { kind: 'setting', operators: [ASSIGN] },
  lifecycle,
  recovery_point_tags: named(tagPair),
  copy_actions: named(container({ target_backup_vault_arn: assignString('target_backup_vault_arn'), lifecycle })),
});

const selectionTag = container({
  iam_role_arn: assignString('iam_role_arn'),
  tag_key: assignString('tag_key'),
  tag_value: stringList,
});

const plan = container({
  rules: named(rule),
  regions: stringList,
  selections: container({ tags: named(selectionTag) }),
  // "Object key name – the resource type" → "setting name" → @@assign (e.g. ec2.WindowsVSS).
  advanced_backup_settings: named(named({ kind: 'setting', operators: [ASSIGN] })),
  backup_plan_tags: named(tagPair),
});

export const BACKUP_POLICY_GRAMMAR: ManagementGrammar = {
  root: { kind: 'container', keys: { plans: { kind: 'container', dynamic: plan, nonEmpty: true } }, required: ['plans'] },
  childControlValues: CHILD_CONTROL_VALUES,
};
