import { createRemoteJWKSet, importSPKI, jwtVerify, type JWTPayload } from 'jose';
import { isRole, type Principal, type Role } from '../domain/identity';

export interface JwtSettings {
  readonly issuer: string;
  readonly audience: string;
  /** Either a JWKS endpoint (OIDC providers publish one) or one PEM public key (SPKI). */
  readonly key: { readonly kind: 'jwks'; readonly url: string } | { readonly kind: 'pem'; readonly pem: string };
  readonly algorithms: readonly string[];
  /** Claim holding the roles; a dotted path reaches nested claims (e.g. `realm_access.roles`). */
  readonly rolesClaim: string;
  /** Allowed clock difference for exp/nbf, in seconds. */
  readonly clockToleranceSeconds: number;
}

export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

export type JwtVerifier = (token: string) => Promise<Principal>;

/** Verifies signature, expiry, not-before, issuer and audience, then reads roles from a claim. */
export async function createJwtVerifier(settings: JwtSettings): Promise<JwtVerifier> {
  const key =
    settings.key.kind === 'jwks' ? createRemoteJWKSet(new URL(settings.key.url)) : await importSPKI(settings.key.pem, settings.algorithms[0] ?? 'RS256');
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Parameters<typeof jwtVerify>[1], {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: [...settings.algorithms],
        clockTolerance: settings.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw new InvalidTokenError(`The bearer token was rejected: ${error instanceof Error ? error.message : 'invalid token'}`);
    }
    const subject = payload.sub as string;
    return {
      id: `jwt:${subject}`,
      type: 'JWT',
      displayName: displayNameOf(payload) ?? subject,
      roles: rolesOf(claimAt(payload, settings.rolesClaim)),
    };
  };
}

function claimAt(payload: JWTPayload, dottedPath: string): unknown {
  return dottedPath
    .split('.')
    .reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), payload);
}

/** Roles may be an array or a space-separated string (as OAuth scopes are); unknown ones are ignored. */
function rolesOf(claim: unknown): Role[] {
  const values = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/\s+/) : [];
  return [...new Set(values.filter(isRole))];
}

function displayNameOf(payload: JWTPayload): string | undefined {
  for (const claim of ['name', 'preferred_username', 'email']) {
    const value = payload[claim];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return undefined;
}
