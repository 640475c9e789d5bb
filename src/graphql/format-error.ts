import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { isOrgqlError } from '../domain/errors';

/**
 * The one place where errors become GraphQL errors.
 * - Domain errors keep their stable code and their details (reason, diagnostics, ...).
 * - graphql-js and Apollo request errors (parse, validation, bad variables) keep their code.
 * - Anything else is a bug: INTERNAL_SERVER_ERROR, with no message, stack or SQL from inside.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { locations, path } = formatted;
  const original = unwrapResolverError(error);
  if (isOrgqlError(original)) {
    return { message: original.message, locations, path, extensions: { ...original.details, code: original.code } };
  }
  if (original instanceof GraphQLError && !original.originalError) {
    const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : 'BAD_REQUEST';
    return { message: formatted.message, locations, path, extensions: { code } };
  }
  return { message: 'Internal server error', locations, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
