import { ApolloArmor } from '@escape.tech/graphql-armor';

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxCost: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
  readonly maxDirectives: number;
}

/**
 * graphql-armor's validation rules and plugins: depth, cost, alias, token and directive limits,
 * and no field suggestions in errors (they leak the schema when introspection is off).
 */
export function armorFor(limits: QueryLimits, exposeSuggestions: boolean) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    costLimit: { maxCost: limits.maxCost },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { n: limits.maxTokens },
    maxDirectives: { n: limits.maxDirectives },
    blockFieldSuggestion: { enabled: !exposeSuggestions },
  }).protect();
}
