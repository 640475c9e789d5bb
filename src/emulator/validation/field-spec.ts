import { POLICY_TYPES, isManagementPolicyType } from '../../domain/policy-type';

/**
 * The constraint kinds the emulator enforces, transcribed by hand from the service model
 * (botocore organizations/2016-11-28/service-2.json) so the runtime never depends on awscli being installed.
 * The model's id patterns use unanchored alternations (`^(r-..)|(ou-..)$`); these are anchored strictly,
 * as shared/docs/aws-organizations.md §d recommends.
 */
export type FieldSpec =
  | { kind: 'string'; min?: number; max?: number; pattern?: RegExp; patternReason?: string }
  | { kind: 'enum'; values: readonly string[]; reason: string }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'list'; member: FieldSpec }
  | { kind: 'tag' };

export interface MemberSpec {
  spec: FieldSpec;
  required?: boolean;
}

const ROOT = 'r-[0-9a-z]{4,32}';
const OU = 'ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}';
const ACCOUNT = '\\d{12}';
const POLICY = 'p-[0-9a-zA-Z_]{8,128}';
const anchored = (...alternatives: string[]): RegExp => new RegExp(`^(?:${alternatives.join('|')})$`);

export const NEXT_TOKEN: FieldSpec = { kind: 'string', max: 100_000 };
export const MAX_RESULTS: FieldSpec = { kind: 'integer', min: 1, max: 20 };
export const ROOT_ID: FieldSpec = { kind: 'string', max: 34, pattern: anchored(ROOT) };
export const OU_ID: FieldSpec = { kind: 'string', max: 68, pattern: anchored(OU) };
export const ACCOUNT_ID: FieldSpec = { kind: 'string', max: 12, pattern: anchored(ACCOUNT) };
export const PARENT_ID: FieldSpec = { kind: 'string', max: 100, pattern: anchored(ROOT, OU) };
export const CHILD_ID: FieldSpec = { kind: 'string', max: 100, pattern: anchored(ACCOUNT, OU) };
/** InvalidInputException reasons name these two cases explicitly (INVALID_PATTERN_TARGET_ID, INVALID_SYNTAX_POLICY_ID). */
export const TARGET_ID: FieldSpec = {
  kind: 'string',
  max: 100,
  pattern: anchored(ROOT, ACCOUNT, OU),
  patternReason: 'INVALID_PATTERN_TARGET_ID',
};
export const TAGGABLE_ID: FieldSpec = {
  kind: 'string',
  max: 130,
  pattern: anchored(ROOT, ACCOUNT, OU, POLICY, 'rp-[0-9a-zA-Z_]{4,128}'),
  patternReason: 'INVALID_PATTERN_TARGET_ID',
};
export const POLICY_ID: FieldSpec = {
  kind: 'string',
  max: 130,
  pattern: anchored(POLICY),
  patternReason: 'INVALID_SYNTAX_POLICY_ID',
};
export const CREATE_ACCOUNT_REQUEST_ID: FieldSpec = { kind: 'string', max: 36, pattern: anchored('car-[a-z0-9]{8,32}') };
export const OU_NAME: FieldSpec = { kind: 'string', min: 1, max: 128 };
export const POLICY_NAME: FieldSpec = { kind: 'string', min: 1, max: 128 };
export const POLICY_DESCRIPTION: FieldSpec = { kind: 'string', max: 512 };
export const POLICY_CONTENT: FieldSpec = { kind: 'string', min: 1, max: 1_000_000 };
export const EMAIL: FieldSpec = { kind: 'string', min: 6, max: 64, pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/ };
export const CREATE_ACCOUNT_NAME: FieldSpec = { kind: 'string', min: 1, max: 50, pattern: /^[\u0020-\u007E]+$/ };
export const ROLE_NAME: FieldSpec = { kind: 'string', max: 64, pattern: /^[\w+=,.@-]{1,64}$/, patternReason: 'INVALID_ROLE_NAME' };
export const BILLING_ACCESS: FieldSpec = { kind: 'enum', values: ['ALLOW', 'DENY'], reason: 'INVALID_ENUM' };
export const CHILD_TYPE: FieldSpec = { kind: 'enum', values: ['ACCOUNT', 'ORGANIZATIONAL_UNIT'], reason: 'INVALID_ENUM' };
export const CREATE_ACCOUNT_STATES: FieldSpec = {
  kind: 'list',
  member: { kind: 'enum', values: ['IN_PROGRESS', 'SUCCEEDED', 'FAILED'], reason: 'INVALID_ENUM' },
};
/** Policy-type enums get their own reason, INVALID_ENUM_POLICY_TYPE ("an invalid policy type string"). */
export const POLICY_TYPE: FieldSpec = { kind: 'enum', values: POLICY_TYPES, reason: 'INVALID_ENUM_POLICY_TYPE' };
/** EffectivePolicyType is PolicyType without the authorization types SCP and RCP (§0). */
export const EFFECTIVE_POLICY_TYPE: FieldSpec = {
  kind: 'enum',
  values: POLICY_TYPES.filter(isManagementPolicyType),
  reason: 'INVALID_ENUM_POLICY_TYPE',
};
export const TAG_KEY: FieldSpec = { kind: 'string', min: 1, max: 128, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u };
export const TAG_VALUE: FieldSpec = { kind: 'string', min: 0, max: 256, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u };
export const TAGS: FieldSpec = { kind: 'list', member: { kind: 'tag' } };
export const TAG_KEYS: FieldSpec = { kind: 'list', member: TAG_KEY };
