import { AwsError, invalidInput } from '../aws-error';
import type { FieldSpec, MemberSpec } from './field-spec';
import { TAG_KEY, TAG_VALUE } from './field-spec';

/**
 * Checks a request body against the operation's input members, in model order, and throws the first
 * violation as AWS reports it: InvalidInputException with the model's Reason values (INPUT_REQUIRED,
 * MAX_LENGTH_EXCEEDED, MIN_LENGTH_EXCEEDED, INVALID_PATTERN, INVALID_ENUM, MIN_VALUE_EXCEEDED, ...).
 * A JSON value of the wrong type cannot be deserialised into the model shape at all; AWS JSON services
 * answer that with SerializationException, and so does the emulator.
 */
export function validateInput(input: Record<string, unknown>, members: Record<string, MemberSpec>): void {
  for (const [name, member] of Object.entries(members)) {
    const value = input[name];
    if (value === undefined || value === null) {
      if (member.required) throw invalidInput('INPUT_REQUIRED', `You must specify a value for ${name}.`);
      continue;
    }
    checkValue(name, value, member.spec);
  }
}

function wrongType(name: string, expected: string): AwsError {
  return new AwsError('SerializationException', `${name}: expected ${expected}.`);
}

function checkValue(name: string, value: unknown, spec: FieldSpec): void {
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string') throw wrongType(name, 'a string');
      checkString(name, value, spec);
      return;
    case 'enum':
      if (typeof value !== 'string') throw wrongType(name, 'a string');
      if (!spec.values.includes(value)) {
        throw invalidInput(spec.reason, `${name} must be one of: ${spec.values.join(', ')}.`);
      }
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(name, 'an integer');
      if (value < spec.min) throw invalidInput('MIN_VALUE_EXCEEDED', `${name} must be at least ${spec.min}.`);
      if (value > spec.max) throw invalidInput('MAX_VALUE_EXCEEDED', `${name} must be at most ${spec.max}.`);
      return;
    case 'list':
      if (!Array.isArray(value)) throw wrongType(name, 'a list');
      value.forEach((item: unknown, index) => {
        if (item === null || item === undefined) throw invalidInput('INVALID_LIST_MEMBER', `${name}[${index}] is null.`);
        checkValue(`${name}[${index}]`, item, spec.member);
      });
      return;
    case 'tag':
      checkTag(name, value);
      return;
  }
}

function checkString(name: string, value: string, spec: Extract<FieldSpec, { kind: 'string' }>): void {
  if (spec.max !== undefined && value.length > spec.max) {
    throw invalidInput('MAX_LENGTH_EXCEEDED', `${name} must be at most ${spec.max} characters.`);
  }
  if (spec.min !== undefined && value.length < spec.min) {
    throw invalidInput('MIN_LENGTH_EXCEEDED', `${name} must be at least ${spec.min} characters.`);
  }
  if (spec.pattern && !spec.pattern.test(value)) {
    throw invalidInput(spec.patternReason ?? 'INVALID_PATTERN', `${name} does not match the required pattern ${spec.pattern.source}.`);
  }
}

function checkTag(name: string, value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw wrongType(name, 'a Tag structure');
  const tag = value as Record<string, unknown>;
  if (tag.Key === undefined || tag.Key === null) throw invalidInput('INPUT_REQUIRED', `You must specify ${name}.Key.`);
  if (tag.Value === undefined || tag.Value === null) throw invalidInput('INPUT_REQUIRED', `You must specify ${name}.Value.`);
  checkValue(`${name}.Key`, tag.Key, TAG_KEY);
  checkValue(`${name}.Value`, tag.Value, TAG_VALUE);
}
