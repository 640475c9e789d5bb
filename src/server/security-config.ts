import { z } from 'zod';
import type { JwtSettings } from '../auth/jwt-verifier';
import type { QueryLimits } from '../graphql/armor';
import type { RateLimitSettings } from '../auth/prisma-mutation-rate-limit';
import { quoted } from './redact';

export interface SecurityConfig {
  /** Unset: only API keys authenticate. */
  readonly jwt: JwtSettings | undefined;
  /** Create and print an admin key on start-up when no key exists and JWT is not configured. */
  readonly bootstrapAdminKey: boolean;
  readonly introspection: boolean;
  readonly limits: QueryLimits;
  readonly mutationRateLimit: RateLimitSettings;
}

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const count = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const schema = z.object({
  ORGQL_JWT_ISSUER: z.string().trim().min(1).optional(),
  ORGQL_JWT_AUDIENCE: z.string().trim().min(1).optional(),
  ORGQL_JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL of a JWKS document' }).optional(),
  ORGQL_JWT_PUBLIC_KEY: z.string().includes('BEGIN PUBLIC KEY', { error: 'must be a PEM public key (-----BEGIN PUBLIC KEY-----)' }).optional(),
  ORGQL_JWT_ALGORITHMS: z
    .string()
    .regex(/^(RS|PS|ES)(256|384|512)(,(RS|PS|ES)(256|384|512))*$|^EdDSA$/, 'must be a comma-separated list such as RS256,ES256')
    .default('RS256'),
  ORGQL_JWT_ROLES_CLAIM: z.string().trim().min(1).default('roles'),
  ORGQL_JWT_CLOCK_TOLERANCE_S: count(0, 300, 30),
  ORGQL_BOOTSTRAP_ADMIN_KEY: flag.default(true),
  ORGQL_INTROSPECTION: flag.optional(),
  ORGQL_MAX_DEPTH: count(2, 100, 16),
  ORGQL_MAX_COST: count(100, 1_000_000, 50_000),
  ORGQL_MAX_ALIASES: count(1, 1000, 30),
  ORGQL_MAX_TOKENS: count(100, 100_000, 5_000),
  ORGQL_MAX_DIRECTIVES: count(1, 1000, 50),
  ORGQL_MUTATION_RATE_PER_MINUTE: count(1, 100_000, 120),
  ORGQL_MUTATION_BURST: count(1, 10_000, 30),
});

/** Parses the security slice of the environment; problems are returned, named by variable. */
export function parseSecurityConfig(env: Readonly<Record<string, string>>, production: boolean): { problems: string[]; value?: SecurityConfig } {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${quoted(env[String(i.path[0])])})`) };
  }
  const e = parsed.data;
  const problems: string[] = [];
  const jwtWanted = Boolean(e.ORGQL_JWT_ISSUER || e.ORGQL_JWT_AUDIENCE || e.ORGQL_JWKS_URL || e.ORGQL_JWT_PUBLIC_KEY);
  let jwt: JwtSettings | undefined;
  if (jwtWanted) {
    if (!e.ORGQL_JWT_ISSUER) problems.push('ORGQL_JWT_ISSUER: required when JWT authentication is configured');
    if (!e.ORGQL_JWT_AUDIENCE) problems.push('ORGQL_JWT_AUDIENCE: required when JWT authentication is configured');
    if (Boolean(e.ORGQL_JWKS_URL) === Boolean(e.ORGQL_JWT_PUBLIC_KEY))
      problems.push('ORGQL_JWKS_URL: set exactly one of ORGQL_JWKS_URL and ORGQL_JWT_PUBLIC_KEY');
    if (problems.length === 0) {
      jwt = {
        issuer: e.ORGQL_JWT_ISSUER as string,
        audience: e.ORGQL_JWT_AUDIENCE as string,
        key: e.ORGQL_JWKS_URL ? { kind: 'jwks', url: e.ORGQL_JWKS_URL } : { kind: 'pem', pem: e.ORGQL_JWT_PUBLIC_KEY as string },
        algorithms: e.ORGQL_JWT_ALGORITHMS.split(','),
        rolesClaim: e.ORGQL_JWT_ROLES_CLAIM,
        clockToleranceSeconds: e.ORGQL_JWT_CLOCK_TOLERANCE_S,
      };
    }
  }
  if (problems.length > 0) return { problems };
  return {
    problems,
    value: {
      jwt,
      bootstrapAdminKey: e.ORGQL_BOOTSTRAP_ADMIN_KEY,
      introspection: e.ORGQL_INTROSPECTION ?? !production,
      limits: {
        maxDepth: e.ORGQL_MAX_DEPTH,
        maxCost: e.ORGQL_MAX_COST,
        maxAliases: e.ORGQL_MAX_ALIASES,
        maxTokens: e.ORGQL_MAX_TOKENS,
        maxDirectives: e.ORGQL_MAX_DIRECTIVES,
      },
      mutationRateLimit: { perMinute: e.ORGQL_MUTATION_RATE_PER_MINUTE, burst: e.ORGQL_MUTATION_BURST },
    },
  };
}
