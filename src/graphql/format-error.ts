import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { isOrgqlError } from '../domain/errors';

/** Apollo's request-level codes (parse, validation, bad variables): safe to show as they are. */
const REQUEST_ERROR_CODES = new Set<string>(Object.values(ApolloServerErrorCode).filter((code) => code !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR));

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
  if (!thrownByResolver && error instanceof GraphQLError && isCodelessRequestError(error)) {
    return { message: formatted.message, locations, path, extensions: { code: ApolloServerErrorCode.BAD_REQUEST } };
  }
  return { message: 'Internal server error', locations, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * Refusals of the request that graphql-js and Apollo raise without a code: Apollo's 400s (e.g.
 * "provided sha does not match query") and graphql-js 16's operation type missing from the schema
 * ("Schema is not configured to execute subscription operation.", no validation rule catches it).
 */
function isCodelessRequestError(error: GraphQLError): boolean {
  if ((error.extensions.http as { status?: number } | undefined)?.status === 400) return true;
  return !error.originalError && !error.path && /^Schema is not configured to execute \w+ operation\.$/.test(error.message);
}

/** graphql-js's "Did you mean ...?" hints (fields, arguments, types, enum values) name schema members. */
const SUGGESTION = /Did you mean [^?]*\?/g;

/**
 * formatError, and with `hideSuggestions` (introspection off) request errors lose their schema
 * hints too: graphql-armor's mask only catches `Did you mean "x"`, not enum values (`Did you mean
 * the enum value "X"?`) or suggestions in variable errors. Domain errors keep their own hints.
 */
export function createFormatError(options: { hideSuggestions: boolean }): typeof formatError {
  if (!options.hideSuggestions) return formatError;
  return (formatted, error) => {
    const result = formatError(formatted, error);
    if (isOrgqlError(unwrapResolverError(error))) return result;
    return { ...result, message: result.message.replace(SUGGESTION, '[Suggestion hidden]') };
  };
}
