import type { Principal } from '../domain/identity';
import { looksLikeApiKey, parseApiKey, secretMatches } from './api-key';
import type { ApiKeyStore } from './api-key-store';
import { InvalidTokenError, type JwtVerifier } from './jwt-verifier';

export type AuthResult =
  | { readonly ok: true; readonly principal: Principal }
  | { readonly ok: false; readonly reason: 'MISSING_CREDENTIALS' | 'INVALID_CREDENTIALS'; readonly message: string };

export type Authenticator = (authorizationHeader: string | undefined) => Promise<AuthResult>;

/**
 * `Authorization: Bearer <token>`: an orgql API key (orgql_...) is checked against the key store,
 * anything else is verified as a JWT when JWT is configured. Every failure says the same to the
 * caller apart from missing vs invalid, so keys cannot be probed.
 */
export function createAuthenticator(deps: { apiKeys: ApiKeyStore; jwt?: JwtVerifier | undefined }): Authenticator {
  const invalid = (message = 'The bearer token is not valid.'): AuthResult => ({ ok: false, reason: 'INVALID_CREDENTIALS', message });
  return async (header) => {
    const match = header ? /^Bearer[ ]+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      return { ok: false, reason: 'MISSING_CREDENTIALS', message: 'Authentication required: send Authorization: Bearer <API key or token>.' };
    }
    const token = match[1] as string;
    if (looksLikeApiKey(token)) {
      const parsed = parseApiKey(token);
      if (!parsed) return invalid();
      const found = await deps.apiKeys.findActive(parsed.keyId);
      if (!found || !secretMatches(parsed.secret, found.secretHash)) return invalid();
      const { record } = found;
      return { ok: true, principal: { id: `apikey:${record.keyId}`, type: 'API_KEY', displayName: record.name, roles: [record.role] } };
    }
    if (!deps.jwt) return invalid();
    try {
      return { ok: true, principal: await deps.jwt(token) };
    } catch (error) {
      if (error instanceof InvalidTokenError) return invalid(error.message);
      throw error;
    }
  };
}
