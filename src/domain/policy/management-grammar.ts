import type { Report } from './diagnostic';
import { childPath } from './json-path';
import type { ContainerSchema, ManagementGrammar, Schema, SettingSchema } from './management-schema';
import { ANY } from './management-schema';
import { ALL, APPEND, ASSIGN, CHILD_CONTROL, CHILD_CONTROL_VALUES, isOperatorKey, isValueOperator, NONE, REMOVE } from './operators';

/**
 * The generic management-policy grammar (digest §b, "Inheritance operators"):
 * - `@@append`/`@@remove` only take arrays ("You can use this operator with only multi-valued settings").
 * - child-control lists are non-empty and hold `@@all`, `@@none` or value operators; `@@all`/`@@none`
 *   stand alone.
 * - any other `@@x` is rejected (operators are lower-case, exactly as documented).
 * Choices where the docs are silent:
 * - a setting object holds operators only: nested keys beside `@@assign` are rejected;
 * - one value-setting operator per setting (e.g. `@@assign` + `@@append` together is CONFLICTING_OPERATORS),
 *   because the merge order between them is undocumented;
 * - a bare value without an operator (`"tag_key": "X"`) is MISSING_OPERATOR: only operators set values.
 */
export function checkManagementDocument(doc: Record<string, unknown>, grammar: ManagementGrammar, report: Report): void {
  walk(doc, '$', grammar.root, grammar, report);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function walk(obj: Record<string, unknown>, path: string, schema: Schema, grammar: ManagementGrammar, report: Report): void {
  const keys = Object.keys(obj);
  const valueOps = keys.filter(isValueOperator);
  const isSetting = schema.kind === 'setting' || (schema.kind === 'any' && valueOps.length > 0);

  if (valueOps.length > 1) {
    report('ERROR', 'CONFLICTING_OPERATORS', path, `Use only one value-setting operator per setting, found ${valueOps.join(' and ')}.`);
  }
  for (const key of keys) {
    const value = obj[key];
    const here = childPath(path, key);
    if (key === CHILD_CONTROL) {
      checkChildControl(value, here, grammar, report);
    } else if (isValueOperator(key)) {
      if (!isSetting) {
        report('ERROR', 'OPERATOR_NOT_ALLOWED', here, `${key} is not allowed here because this element is a container of named entries, not a setting.`);
      } else if (schema.kind === 'setting' && !schema.operators.includes(key)) {
        report('ERROR', 'OPERATOR_NOT_ALLOWED', here, `${key} is not allowed on this setting; allowed operators are ${schema.operators.join(', ')}.`);
      } else if ((key === APPEND || key === REMOVE) && !Array.isArray(value)) {
        report('ERROR', 'INVALID_VALUE', here, `${key} takes an array because it only applies to multi-valued settings.`);
      } else if (schema.kind === 'setting' && schema.checkValue) {
        schema.checkValue(value, key, here, report);
      }
    } else if (isOperatorKey(key)) {
      report('ERROR', 'UNKNOWN_OPERATOR', here, `${key} is not a known inheritance operator.`);
    } else if (isSetting) {
      report('ERROR', 'UNKNOWN_KEY', here, `The key ${JSON.stringify(key)} cannot appear inside a setting, which holds only @@ operators.`);
    } else {
      const child = childSchema(schema as ContainerSchema | typeof ANY, key, here, report);
      if (!isPlainObject(value)) {
        report('ERROR', 'MISSING_OPERATOR', here, `The value of ${JSON.stringify(key)} must be an object holding inheritance operators such as @@assign.`);
      } else {
        walk(value, here, child, grammar, report);
      }
    }
  }
  if (schema.kind === 'setting') checkSetting(obj, path, schema, report);
  if (schema.kind === 'container') checkContainer(obj, path, schema, report);
}

function childSchema(schema: ContainerSchema | typeof ANY, key: string, path: string, report: Report): Schema {
  if (schema.kind === 'any') return ANY;
  const fixed = schema.keys && Object.prototype.hasOwnProperty.call(schema.keys, key) ? schema.keys[key] : undefined;
  if (fixed) return fixed;
  if (schema.dynamic) {
    schema.checkDynamicKey?.(key, path, report);
    return schema.dynamic;
  }
  const known = Object.keys(schema.keys ?? {});
  const hint = known.length > 0 ? ` Expected one of: ${known.join(', ')}.` : '';
  report(
    schema.unknownKeys === 'warn' ? 'WARNING' : 'ERROR',
    'UNKNOWN_KEY',
    path,
    `The key ${JSON.stringify(key)} is not part of this policy type's syntax.${hint}`,
  );
  return ANY;
}

function checkSetting(obj: Record<string, unknown>, path: string, schema: SettingSchema, report: Report): void {
  if (schema.requireAssign && !(ASSIGN in obj)) {
    report('ERROR', 'MISSING_KEY', path, 'This setting must contain @@assign.');
  }
}

function checkContainer(obj: Record<string, unknown>, path: string, schema: ContainerSchema, report: Report): void {
  for (const key of schema.required ?? []) {
    if (!(key in obj)) report('ERROR', 'MISSING_KEY', childPath(path, key), `The required key ${JSON.stringify(key)} is missing.`);
  }
  if (schema.nonEmpty && !Object.keys(obj).some((k) => !isOperatorKey(k))) {
    report('ERROR', 'MISSING_KEY', path, 'This element must contain at least one entry.');
  }
  schema.check?.(obj, path, report);
}

function checkChildControl(value: unknown, path: string, grammar: ManagementGrammar, report: Report): void {
  if (!Array.isArray(value) || value.length === 0) {
    report('ERROR', 'INVALID_VALUE', path, `${CHILD_CONTROL} must be a non-empty array of operator names.`);
    return;
  }
  for (const [i, item] of value.entries()) {
    if (typeof item !== 'string' || !CHILD_CONTROL_VALUES.includes(item)) {
      report(
        'ERROR',
        'INVALID_VALUE',
        `${path}[${i}]`,
        `${JSON.stringify(item)} is not a valid child-control value; use @@all, @@none, @@assign, @@append or @@remove.`,
      );
    } else if (!grammar.childControlValues.includes(item)) {
      report(
        'ERROR',
        'OPERATOR_NOT_ALLOWED',
        `${path}[${i}]`,
        `${item} cannot be used in ${CHILD_CONTROL} for this policy type; allowed values are ${grammar.childControlValues.join(', ')}.`,
      );
    }
  }
  if (value.length > 1 && (value.includes(NONE) || value.includes(ALL))) {
    report('ERROR', 'INVALID_VALUE', path, `${NONE} and ${ALL} must be the only value in ${CHILD_CONTROL}.`);
  }
  if (new Set(value).size !== value.length) {
    report('WARNING', 'INVALID_VALUE', path, `${CHILD_CONTROL} lists the same operator more than once.`);
  }
}
