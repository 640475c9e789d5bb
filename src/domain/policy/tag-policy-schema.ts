import type { Report } from './diagnostic';
import { childPath, indexPath } from './json-path';
import type { ManagementGrammar, Schema, SettingSchema } from './management-schema';
import { APPEND, ASSIGN, CHILD_CONTROL_VALUES, REMOVE, type ValueOperator } from './operators';

/**
 * Tag policy syntax (user guide "Tag policy syntax and examples", digest §b "Case rules"):
 * `tags` → policy key (case-insensitive, must equal the tag_key value ignoring case) →
 * `tag_key` (@@assign, string), `tag_value` and `enforced_for` (arrays, all operators).
 * Wildcards: at most one `*` per value. `enforced_for` is `service:resource`, `service:*` or
 * `service:ALL_SUPPORTED`; a wildcard for all services is not allowed.
 * Choice: `report_required_tag_for` (newer "required tags" reporting) is accepted with the same
 * format as `enforced_for`; any other key under a tag statement is an error.
 */
const MAX_TAG_KEY = 128;
const MAX_TAG_VALUE = 256;
const ENFORCED_FOR = /^([a-z0-9-]+):([^:\s].*)$/;

function stringElements(value: unknown, path: string, report: Report, check: (s: string, p: string) => void): void {
  if (!Array.isArray(value)) {
    report('ERROR', 'INVALID_VALUE', path, 'This setting takes an array of strings.');
    return;
  }
  value.forEach((item, i) => {
    const here = indexPath(path, i);
    if (typeof item !== 'string') report('ERROR', 'INVALID_VALUE', here, 'Each element must be a string.');
    else check(item, here);
  });
}

function checkWildcards(s: string, path: string, report: Report): void {
  if ((s.match(/\*/g) ?? []).length > 1) report('ERROR', 'INVALID_WILDCARD', path, `${JSON.stringify(s)} uses more than one "*" wildcard.`);
}

const tagKey: SettingSchema = {
  kind: 'setting',
  operators: [ASSIGN],
  checkValue: (value, _op, path, report) => {
    if (typeof value !== 'string' || value.length < 1 || value.length > MAX_TAG_KEY) {
      report('ERROR', 'INVALID_VALUE', path, `tag_key must be a string of 1 to ${MAX_TAG_KEY} characters.`);
    } else if (value.includes('*')) {
      report('ERROR', 'INVALID_WILDCARD', path, 'tag_key cannot contain a wildcard.');
    }
  },
};

const tagValue: SettingSchema = {
  kind: 'setting',
  operators: [ASSIGN, APPEND, REMOVE],
  checkValue: (value, _op: ValueOperator, path, report) =>
    stringElements(value, path, report, (s, p) => {
      if (s.length > MAX_TAG_VALUE) report('ERROR', 'INVALID_VALUE', p, `A tag value can have at most ${MAX_TAG_VALUE} characters.`);
      checkWildcards(s, p, report);
    }),
};

const resourceTypes: SettingSchema = {
  kind: 'setting',
  operators: [ASSIGN, APPEND, REMOVE],
  checkValue: (value, _op, path, report) =>
    stringElements(value, path, report, (s, p) => {
      const m = ENFORCED_FOR.exec(s);
      if (!m) {
        const all = s === '*' || s.startsWith('*:');
        report(
          'ERROR',
          all ? 'INVALID_WILDCARD' : 'INVALID_VALUE',
          p,
          all
            ? 'A wildcard for all services is not allowed; name the service, e.g. "ec2:*".'
            : `${JSON.stringify(s)} must have the form service:resource, service:* or service:ALL_SUPPORTED.`,
        );
        return;
      }
      checkWildcards(s, p, report);
    }),
};

const statement: Schema = {
  kind: 'container',
  keys: { tag_key: tagKey, tag_value: tagValue, enforced_for: resourceTypes, report_required_tag_for: resourceTypes },
};

function assignedTagKey(statementValue: unknown): unknown {
  if (typeof statementValue !== 'object' || statementValue === null) return undefined;
  const tagKeySetting = (statementValue as Record<string, unknown>).tag_key;
  if (typeof tagKeySetting !== 'object' || tagKeySetting === null) return undefined;
  return (tagKeySetting as Record<string, unknown>)[ASSIGN];
}

export const TAG_POLICY_GRAMMAR: ManagementGrammar = {
  root: {
    kind: 'container',
    keys: {
      tags: {
        kind: 'container',
        dynamic: statement,
        check: (obj, path, report) => {
          // Policy keys are case-insensitive, so "CostCenter" and "costcenter" are the same statement.
          const seen = new Set<string>();
          for (const key of Object.keys(obj)) {
            const lower = key.toLowerCase();
            if (seen.has(lower))
              report('ERROR', 'DUPLICATE_KEY', childPath(path, key), `The policy key "${key}" duplicates another key that differs only in case.`);
            seen.add(lower);
            const assigned = assignedTagKey(obj[key]);
            if (typeof assigned === 'string' && assigned.toLowerCase() !== lower) {
              report(
                'ERROR',
                'TAG_KEY_MISMATCH',
                childPath(childPath(childPath(path, key), 'tag_key'), ASSIGN),
                `tag_key "${assigned}" must match the policy key "${key}" ignoring case.`,
              );
            }
          }
        },
      },
    },
    required: ['tags'],
  },
  childControlValues: CHILD_CONTROL_VALUES,
};
