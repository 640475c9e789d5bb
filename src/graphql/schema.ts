import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Resolvers } from '../generated/graphql';
import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { AccountPolicyImpact, EffectivePolicy, IgnoredPolicyChange, PolicyValueProvenance } from './resolvers/effective-policy';
import { accountLifecycleQueries, CreateAccountStatus } from './resolvers/account-lifecycle';
import { Mutation } from './resolvers/mutation';
import { Organization } from './resolvers/organization';
import { Policy, PolicyAttachment } from './resolvers/policy';
import { Query } from './resolvers/query';
import { EffectivePolicyValidationError, InvalidEffectivePolicy, invalidEffectivePolicyQueries } from './resolvers/invalid-effective-policies';
import { AuditEvent } from './resolvers/audit-event';
import { AuditQuery } from './resolvers/audit-query';
import { ApiKey, apiKeyQueries } from './resolvers/api-keys';
import { AiAccountPosture, AiOptOutPosture, aiOptOutPostureQueries, AiOuPostureTotals, AiServicePosture } from './resolvers/ai-opt-out-posture';
import { callerQueries } from './resolvers/caller';
import { Account, Node, OrganizationalUnit, OrganizationNode, Root } from './resolvers/tree-nodes';

/** schema.graphql at the package root, both from src/ (tests) and dist/ (built). */
export const SCHEMA_PATH = path.resolve(__dirname, '..', '..', 'schema.graphql');

export function loadTypeDefs(): string {
  return readFileSync(SCHEMA_PATH, 'utf8');
}

/**
 * JSON arguments nested deeper than this are refused as bad input (BAD_USER_INPUT for variables,
 * GRAPHQL_VALIDATION_FAILED for literals) before any resolver runs: a request body of thousands of
 * levels overflows the stack of JSON.stringify, the policy engine and the audit log's serialiser.
 * Policy documents themselves may nest 256 levels at most (the engine reports deeper ones).
 */
export const MAX_JSON_ARGUMENT_DEPTH = 512;

function jsonDepthExceeds(value: unknown, max: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

function boundedDepth(value: unknown): unknown {
  if (jsonDepthExceeds(value, MAX_JSON_ARGUMENT_DEPTH)) throw new TypeError(`JSON nested deeper than ${MAX_JSON_ARGUMENT_DEPTH} levels is not accepted.`);
  return value;
}

const BoundedJSON = new GraphQLScalarType({
  ...JSONResolver.toConfig(),
  parseValue: (value) => boundedDepth(JSONResolver.parseValue(value)),
  parseLiteral: (ast, variables) => boundedDepth(JSONResolver.parseLiteral(ast, variables)),
});

export const resolvers: Resolvers = {
  Query: {
    ...Query,
    ...AuditQuery,
    ...apiKeyQueries,
    ...accountLifecycleQueries,
    ...aiOptOutPostureQueries,
    ...invalidEffectivePolicyQueries,
    ...callerQueries,
  },
  Mutation,
  Organization,
  Root,
  OrganizationalUnit,
  Account,
  Node,
  OrganizationNode,
  Policy,
  PolicyAttachment,
  EffectivePolicy,
  PolicyValueProvenance,
  IgnoredPolicyChange,
  AccountPolicyImpact,
  InvalidEffectivePolicy,
  EffectivePolicyValidationError,
  AuditEvent,
  ApiKey,
  CreateAccountStatus,
  AiOptOutPosture,
  AiOuPostureTotals,
  AiAccountPosture,
  AiServicePosture,
  JSON: BoundedJSON,
  DateTime: DateTimeResolver,
};
