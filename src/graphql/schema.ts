import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Resolvers } from '../generated/graphql';
import { Mutation } from './resolvers/mutation';
import { Organization } from './resolvers/organization';
import { Query } from './resolvers/query';

/** schema.graphql at the package root, both from src/ (tests) and dist/ (built). */
export const SCHEMA_PATH = path.resolve(__dirname, '..', '..', 'schema.graphql');

export function loadTypeDefs(): string {
  return readFileSync(SCHEMA_PATH, 'utf8');
}

export const resolvers: Resolvers = { Query, Mutation, Organization };
