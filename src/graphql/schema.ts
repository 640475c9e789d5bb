import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Resolvers } from '../generated/graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { AccountPolicyImpact, EffectivePolicy, IgnoredPolicyChange, PolicyValueProvenance } from './resolvers/effective-policy';
import { Mutation } from './resolvers/mutation';
import { Organization } from './resolvers/organization';
import { Policy, PolicyAttachment } from './resolvers/policy';
import { Query } from './resolvers/query';
import { AuditEvent } from './resolvers/audit-event';
import { AuditQuery } from './resolvers/audit-query';
import { Account, Node, OrganizationalUnit, OrganizationNode, Root } from './resolvers/tree-nodes';

/** schema.graphql at the package root, both from src/ (tests) and dist/ (built). */
export const SCHEMA_PATH = path.resolve(__dirname, '..', '..', 'schema.graphql');

export function loadTypeDefs(): string {
  return readFileSync(SCHEMA_PATH, 'utf8');
}

export const resolvers: Resolvers = {
  Query: { ...Query, ...AuditQuery },
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
  AuditEvent,
  JSON: JSONResolver,
  DateTime: DateTimeResolver,
};
