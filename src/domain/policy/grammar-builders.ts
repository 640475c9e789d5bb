import type { Report, Severity } from './diagnostic';
import { indexPath } from './json-path';
import type { ContainerSchema, ManagementGrammar, Schema, SettingSchema } from './management-schema';
import { APPEND, ASSIGN, CHILD_CONTROL_VALUES, REMOVE } from './operators';

/**
 * Small builders for the per-type grammars of the newer management policy types, which share a shape:
 * one fixed top-level key ("policies always start with a fixed key name"), named settings that take
 * one value from a documented set, and lists of strings (often Region names).
 */

/** A setting holding one string from a documented set, set with @@assign only. */
export function oneOf(label: string, values: readonly string[], severity: Severity = 'ERROR'): SettingSchema {
  return {
    kind: 'setting',
    operators: [ASSIGN],
    checkValue: (value, _op, path, report) => {
      if (typeof value === 'string' && values.includes(value)) return;
      const hint = typeof value === 'string' && values.includes(value.toLowerCase()) ? ' Values are lower case.' : '';
      report(
        severity,
        'INVALID_VALUE',
        path,
        `${label} must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(value)}.${hint}`,
      );
    },
  };
}

/** A setting holding one string, set with @@assign only; `check` adds a format rule. */
export function assignString(label: string, check?: (value: string, path: string, report: Report) => void): SettingSchema {
  return {
    kind: 'setting',
    operators: [ASSIGN],
    checkValue: (value, _op, path, report) => {
      if (typeof value !== 'string') report('ERROR', 'INVALID_VALUE', path, `${label} must be a string.`);
      else check?.(value, path, report);
    },
  };
}

/** A multi-valued setting: an array of strings, set with @@assign, @@append or @@remove. */
export function stringList(label: string, element?: (value: string, path: string, report: Report) => void, maxItems?: number): SettingSchema {
  return {
    kind: 'setting',
    operators: [ASSIGN, APPEND, REMOVE],
    checkValue: (value, _op, path, report) => {
      if (!Array.isArray(value)) {
        report('ERROR', 'INVALID_VALUE', path, `${label} takes an array of strings.`);
        return;
      }
      if (maxItems !== undefined && value.length > maxItems) report('ERROR', 'INVALID_VALUE', path, `${label} can list at most ${maxItems} entries.`);
      value.forEach((item, i) => {
        if (typeof item !== 'string') report('ERROR', 'INVALID_VALUE', indexPath(path, i), `Each entry of ${label} must be a string.`);
        else element?.(item, indexPath(path, i), report);
      });
    },
  };
}

/** Region codes such as us-east-1, eu-central-1, us-gov-west-1 (lower case, ending in a number). */
export const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function checkRegion(value: string, path: string, report: Report, also: readonly string[] = []): void {
  if (REGION_NAME.test(value) || also.includes(value)) return;
  const named = also.length > 0 ? ` or ${also.join(', ')}` : '';
  report('ERROR', 'INVALID_VALUE', path, `${JSON.stringify(value)} is not a Region code such as "us-east-1"${named}.`);
}

/** enable_in_regions / disable_in_regions, both required though they may be empty (Security Hub, Inspector). */
export function regionEnablement(extra: Partial<ContainerSchema> = {}, required = true): ContainerSchema {
  const regions = stringList('the Region list', (v, p, r) => checkRegion(v, p, r, ['ALL_SUPPORTED']));
  return {
    kind: 'container',
    keys: { enable_in_regions: regions, disable_in_regions: regions, ...extra.keys },
    unknownKeys: 'warn',
    ...(required ? { required: ['enable_in_regions', 'disable_in_regions'] } : {}),
    ...(extra.check ? { check: extra.check } : {}),
  };
}

/** A container of documented keys; an undocumented key is a WARNING, since services add attributes. */
export function fields(keys: Record<string, Schema>, extra: Partial<ContainerSchema> = {}): ContainerSchema {
  return { kind: 'container', keys, unknownKeys: 'warn', ...extra };
}

/** A container of user-chosen names (workspace ids, Regions, tag keys); `maxKeys` caps their number. */
export function named(dynamic: Schema, checkDynamicKey?: ContainerSchema['checkDynamicKey'], maxKeys?: number): ContainerSchema {
  return {
    kind: 'container',
    dynamic,
    ...(checkDynamicKey ? { checkDynamicKey } : {}),
    ...(maxKeys !== undefined
      ? {
          check: (obj, path, report) => {
            const count = Object.keys(obj).filter((k) => !k.startsWith('@@')).length;
            if (count > maxKeys) report('ERROR', 'INVALID_VALUE', path, `At most ${maxKeys} entries are allowed here, found ${count}.`);
          },
        }
      : {}),
  };
}

/** The grammar of a type whose documents start with one required, fixed key; any other top-level key is an ERROR. */
export function underTopLevelKey(key: string, body: Schema): ManagementGrammar {
  return { root: { kind: 'container', keys: { [key]: body }, required: [key] }, childControlValues: CHILD_CONTROL_VALUES };
}
