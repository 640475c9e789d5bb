import type { Principal } from '../domain/identity';
import { hashSecret, looksLikeApiKey, parseApiKey, secretMatches } from './api-key';
import type { ApiKeyStore } from './api-key-store';
import type { ApiKeyVerdictCache, VerifiedKey } from './cached-api-key-lookup';
import { InvalidTokenError, type JwtVerifier } from './jwt-verifier';

export type AuthResult =
  | { readonly ok: true; readonly principal: Principal }
  | { readonly ok: false; readonly reason: 'MISSING_CREDENTIALS' | 'INVALID_CREDENTIALS'; readonly message: string };

export type Authenticator = (authorizationHeader: string | undefined) => Promise<AuthResult>;

/**
 * `Authorization: Bearer <token>`: an orgql API key (orgql_...) is checked against the key store,
 * anything else is verified as a JWT when JWT is configured. Every failure says the same to the
 * caller apart from missing vs invalid, so keys cannot be probed. With a `cache`, a verdict on a
 * key is reused for a few seconds (see cached-api-key-lookup.ts); revocations invalidate it.
 */
export function createAuthenticator(deps: { apiKeys: ApiKeyStore; jwt?: JwtVerifier | undefined; cache?: ApiKeyVerdictCache | undefined }): Authenticator {
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
      const { keyId, secret } = parsed;
      const lookup = async (): Promise<VerifiedKey> => {
        const found = await deps.apiKeys.findActive(keyId);
        return found && secretMatches(secret, found.secretHash) ? found.record : undefined;
      };
      const record = deps.cache ? await deps.cache.verdict(keyId, hashSecret(secret), lookup) : await lookup();
      if (!record) return invalid();
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
