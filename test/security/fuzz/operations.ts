import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import type { Rng } from './prng';
import { anyId, hostileString, malformedPolicyContent, randomJson } from './values';

/** A root field of schema.graphql, read with graphql-js, so new fields are fuzzed without editing this file. */
export interface RootField {
  readonly operation: 'query' | 'mutation';
  readonly field: GraphQLField<unknown, unknown>;
}

export function rootFields(schema: GraphQLSchema): RootField[] {
  const fields: RootField[] = [];
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) fields.push({ operation: 'query', field });
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) fields.push({ operation: 'mutation', field });
  return fields;
}

/**
 * How arguments are filled: `hostile` keeps every declared type but picks hostile values;
 * `wrong-type` puts one value of another type somewhere (or an unknown enum value, a missing
 * required argument, a null where one is not allowed).
 */
export type ArgMode = 'hostile' | 'wrong-type';

interface Gen {
  readonly rng: Rng;
  readonly mode: ArgMode;
  /** In wrong-type mode, how many wrong values are still to be placed. */
  wrongLeft: number;
  readonly labels: Set<string>;
}

const WRONG_VALUES: ReadonlyArray<readonly [string, unknown]> = [
  ['number', 12345],
  ['float', 3.25],
  ['boolean', true],
  ['object', { nested: 'object' }],
  ['array', ['a', 'b']],
  ['string', 'not-a-number'],
  ['null', null],
];

function wrongValueFor(type: GraphQLInputType, g: Gen): unknown {
  const named = getNamedType(type);
  if (isEnumType(named)) {
    g.labels.add('unknown-enum');
    return g.rng.pick<unknown>(['NOT_A_VALUE', named.getValues()[0]!.name.toLowerCase(), '', 'READ OR 1=1', 7, `${named.getValues()[0]!.name}_X`]);
  }
  const choices = WRONG_VALUES.filter(([kind]) => {
    if (kind === 'null') return isNonNullType(type);
    if (named.name === 'JSON') return false; // any JSON value is a valid JSON scalar
    if (named.name === 'String' || named.name === 'ID' || named.name === 'DateTime') return kind !== 'string';
    if (named.name === 'Int') return kind !== 'number';
    if (named.name === 'Boolean') return kind !== 'boolean';
    return true;
  });
  if (choices.length === 0) return null; // a nullable JSON argument takes any value
  const [kind, value] = g.rng.pick(choices);
  g.labels.add(`wrong-type-${kind}`);
  return value;
}

function scalarValue(name: string, argName: string, g: Gen): unknown {
  const { rng } = g;
  switch (name) {
    case 'ID':
      g.labels.add('id');
      return anyId(rng);
    case 'Int':
      return rng.chance(0.6) ? rng.int(-5, 200) : rng.pick([0, -1, 2147483647, -2147483648]);
    case 'Boolean':
      return rng.chance(0.5);
    case 'DateTime':
      return rng.chance(0.5)
        ? new Date(Date.UTC(rng.int(1970, 2100), rng.int(0, 11), rng.int(1, 28))).toISOString()
        : rng.pick(['yesterday', '2024-13-45T99:99:99Z', '0000-00-00', hostileString(rng).slice(0, 100)]);
    case 'JSON':
      if (argName === 'content') {
        const c = malformedPolicyContent(rng);
        g.labels.add(`policy-${c.label}`);
        return c.content;
      }
      return randomJson(rng);
    default:
      if (argName === 'idempotencyKey') {
        return rng.weighted<() => string>([
          [4, () => `fuzz-${rng.string(16, 'abcdef0123456789')}`],
          [1, () => ''],
          [1, () => 'k'.repeat(rng.int(256, 2_000))],
          [1, () => hostileString(rng).slice(0, 255)],
        ])();
      }
      return hostileString(rng);
  }
}

function inputValue(type: GraphQLInputType, argName: string, g: Gen, depth: number): unknown {
  if (g.mode === 'wrong-type' && g.wrongLeft > 0 && g.rng.chance(0.35)) {
    g.wrongLeft -= 1;
    return wrongValueFor(type, g);
  }
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    const length = g.rng.weighted([
      [6, g.rng.int(0, 3)],
      [1, g.rng.int(50, 400)],
    ] as const);
    return Array.from({ length }, () => inputValue(inner.ofType as GraphQLInputType, argName, g, depth + 1));
  }
  if (isInputObjectType(inner)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type) || g.rng.chance(0.6)) out[field.name] = inputValue(field.type, field.name, g, depth + 1);
    }
    if (g.mode === 'wrong-type' && g.rng.chance(0.15)) {
      out[g.rng.pick(['unknownField', '__proto__', 'constructor'])] = 'x';
      g.labels.add('unknown-input-field');
    }
    return out;
  }
  if (isEnumType(inner)) return g.rng.pick(inner.getValues()).name;
  if (isScalarType(inner)) return scalarValue(inner.name, argName, g);
  return null;
}

/** Argument values for a field, by name; missing keys are omitted arguments. */
export function argumentValues(args: readonly GraphQLArgument[], rng: Rng, mode: ArgMode, labels: Set<string>): Record<string, unknown> {
  const g: Gen = { rng, mode, wrongLeft: mode === 'wrong-type' ? 1 : 0, labels };
  const values: Record<string, unknown> = {};
  for (const arg of args) {
    if (!isNonNullType(arg.type) && !rng.chance(0.5)) continue;
    if (mode === 'wrong-type' && g.wrongLeft > 0 && isNonNullType(arg.type) && rng.chance(0.1)) {
      g.wrongLeft -= 1;
      labels.add('missing-required');
      continue;
    }
    values[arg.name] = inputValue(arg.type, arg.name, g, 0);
  }
  // Make sure wrong-type mode puts its wrong value somewhere.
  if (mode === 'wrong-type' && g.wrongLeft > 0 && args.length > 0) {
    const arg = rng.pick(args);
    values[arg.name] = wrongValueFor(arg.type, g);
  }
  return values;
}

/** A small selection set for a return type: `__typename` plus a few leaf fields that take no required arguments. */
export function selectionFor(type: GraphQLOutputType, rng: Rng): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  const leaves: string[] = ['__typename'];
  if (isObjectType(named)) {
    for (const field of Object.values(named.getFields())) {
      const needsArgs = field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);
      if (!needsArgs && isLeafType(getNamedType(field.type)) && rng.chance(0.3)) leaves.push(field.name);
    }
  }
  return ` { ${leaves.slice(0, 4).join(' ')} }`;
}

/** Prints a JS value as a GraphQL literal of the given type (strings escaped as JSON, which GraphQL accepts). */
export function literal(value: unknown, type: GraphQLInputType | undefined): string {
  const named = type ? getNamedType(type) : undefined;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    if (named && isEnumType(named) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
    return JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const itemType = type && isListType(getNullableType(type)) ? (getNullableType(type) as { ofType: GraphQLInputType }).ofType : undefined;
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, itemType)).join(', ')}]`;
  const fields = named && isInputObjectType(named) ? named.getFields() : {};
  const entries = Object.entries(value as Record<string, unknown>).filter(([k]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(k));
  return `{${entries.map(([k, v]) => `${k}: ${literal(v, fields[k]?.type)}`).join(', ')}}`;
}

export interface BuiltOperation {
  readonly query: string;
  readonly variables: Record<string, unknown> | undefined;
  readonly operation: 'query' | 'mutation';
  readonly fieldName: string;
}

/** One operation on one root field, its arguments sent as variables (declared with the schema's types) or inline literals. */
export function buildOperation(root: RootField, rng: Rng, mode: ArgMode, labels: Set<string>): BuiltOperation {
  const { field } = root;
  const values = argumentValues(field.args, rng, mode, labels);
  const inline = rng.chance(0.25);
  labels.add(inline ? 'inline-args' : 'variables');
  const selection = selectionFor(field.type, rng);
  if (inline) {
    const args = field.args.filter((a) => a.name in values).map((a) => `${a.name}: ${literal(values[a.name], a.type)}`);
    const argText = args.length > 0 ? `(${args.join(', ')})` : '';
    return { query: `${root.operation} Fuzz { ${field.name}${argText}${selection} }`, variables: undefined, operation: root.operation, fieldName: field.name };
  }
  const declared = field.args.map((a) => `$${a.name}: ${String(a.type)}`);
  const used = field.args.map((a) => `${a.name}: $${a.name}`);
  const defs = declared.length > 0 ? `(${declared.join(', ')})` : '';
  const argText = used.length > 0 ? `(${used.join(', ')})` : '';
  return {
    query: `${root.operation} Fuzz${defs} { ${field.name}${argText}${selection} }`,
    variables: values,
    operation: root.operation,
    fieldName: field.name,
  };
}
