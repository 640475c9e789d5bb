import type { GraphQLFormattedError } from 'graphql';
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { isOrgqlError } from '../domain/errors';

/** Apollo's request-level codes (parse, validation, bad variables): safe to show as they are. */
const REQUEST_ERROR_CODES = new Set<string>(
  Object.values(ApolloServerErrorCode).filter((code) => code !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR),
);

/**
 * The one place where errors become GraphQL errors.
 * - Domain errors keep their stable code and their details (reason, diagnostics, ...).
 * - Request errors from graphql-js and Apollo (parse, validation, variables) keep their code.
 * - Anything else is a bug: INTERNAL_SERVER_ERROR, with no message, stack or SQL from inside.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { locations, path } = formatted;
  const original = unwrapResolverError(error);
  if (isOrgqlError(original)) {
    return { message: original.message, locations, path, extensions: { ...original.details, code: original.code } };
  }
  const code = formatted.extensions?.code;
  const thrownByResolver = original !== error;
  if (!thrownByResolver && typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    return { message: formatted.message, locations, path, extensions: { code } };
  }
  return { message: 'Internal server error', locations, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
