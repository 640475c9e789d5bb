import { ApolloArmor } from '@escape.tech/graphql-armor';

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxCost: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
  readonly maxDirectives: number;
}

/**
 * graphql-armor's validation rules and plugins: depth, cost, alias and directive limits, and no
 * field suggestions in errors (they leak the schema when introspection is off). The token limit is
 * graphql-js's own parse option (see parseOptionsFor): armor's Apollo plugin re-parses in a hook,
 * where a plain syntax error became a 500 instead of GRAPHQL_PARSE_FAILED.
 */
export function armorFor(limits: QueryLimits, exposeSuggestions: boolean) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    costLimit: { maxCost: limits.maxCost },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    blockFieldSuggestion: { enabled: !exposeSuggestions },
  }).protect();
}

/** graphql-js stops parsing a document with more tokens than this (a 400 GRAPHQL_PARSE_FAILED). */
export function parseOptionsFor(limits: QueryLimits) {
  return { maxTokens: limits.maxTokens };
}
