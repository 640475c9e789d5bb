import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DatabaseTarget } from '../database/database';
import type { UpstreamTarget } from '../upstream/client-factory';
import { quoted } from './redact';
import { parseSecurityConfig, type SecurityConfig } from './security-config';

/**
 * All configuration, parsed and validated once at start-up from the environment and CLI flags
 * (flags win). A bad value stops start-up with a ConfigError naming every offending variable.
 * Nothing else in orgql reads process.env.
 */
export interface Config {
  readonly http: { readonly host: string; readonly port: number };
  readonly database: DatabaseTarget;
  /** Where migrations run when not in `database`: as the tables' owner (ORGQL_MIGRATION_DATABASE_URL). */
  readonly migrationDatabase?: DatabaseTarget;
  readonly upstream: UpstreamConfig;
  readonly log: { readonly level: LogLevel; readonly pretty: boolean };
  readonly security: SecurityConfig;
  readonly production: boolean;
  readonly audit: AuditSettings;
  /** The CLI's key for asking a running gateway (ORGQL_API_KEY), used when that gateway holds the embedded database. */
  readonly cli: { readonly apiKey: string | undefined; /** ORGQL_URL: the gateway `orgql mirror` asks. */ readonly url: string | undefined };
  /** ORGQL_METRICS_PORT: /metrics also on a port of its own, without authentication (for a scraper on a private network). */
  readonly metrics: { readonly port: number | undefined };
  readonly mirror: MirrorConfig;
}

/** The org mirror (README, "The org mirror"). */
export interface MirrorConfig {
  /** false (ORGQL_MIRROR=off): no mirror; every read goes to AWS Organizations, as before issue 10. */
  readonly enabled: boolean;
  /** A full refresh this often, by the leading replica (ORGQL_MIRROR_REFRESH_S). */
  readonly refreshSeconds: number;
  /** Reads before the first sync wait this long, then fail with MIRROR_NOT_READY (ORGQL_MIRROR_READY_TIMEOUT_MS). */
  readonly readyTimeoutMs: number;
  /** A persisted state at most this old is served at start without waiting for a sync (ORGQL_MIRROR_MAX_AGE_S). */
  readonly maxPersistedAgeSeconds: number;
  /** Upstream calls in flight during a sync (ORGQL_MIRROR_CONCURRENCY). */
  readonly concurrency: number;
  /** How often a follower tries to take the lead (ORGQL_MIRROR_LEADER_RETRY_MS). */
  readonly leaderRetryMs: number;
  /** How often a replica checks for versions it was not notified of (ORGQL_MIRROR_POLL_MS). */
  readonly pollMs: number;
}

export interface AuditSettings {
  /** How often dangling intents are reconciled against upstream (0: only at start-up). */
  readonly reconcileIntervalMs: number;
  /** Intents younger than this may still be in flight in some gateway process and are left alone. */
  readonly reconcileGraceMs: number;
  readonly checkpoints: CheckpointSettings;
}

/** Signed checkpoints of the chain head, kept outside the database (issue 11, item 7). */
export interface CheckpointSettings {
  /** Directory the checkpoint files are written to and verified from. */
  readonly dir: string;
  /** The Ed25519 private key (PEM); verification also accepts a public key. */
  readonly signingKeyPath: string;
  /** Whether a missing key is created (the default path) or is an error (a path the operator gave). */
  readonly createKeyIfMissing: boolean;
  /** How often the gateway writes one (0: never; `orgql audit checkpoint` still does). */
  readonly intervalMs: number;
}

export type UpstreamConfig =
  | {
      readonly kind: 'embedded-emulator';
      /** Builds the organization when there is no saved state yet. */
      readonly seed: string;
      /** Where the organization is saved after each change and restored from at start (in ORGQL_DATA_DIR). */
      readonly statePath: string;
      /** Where the embedded emulator listens (127.0.0.1), so the AWS CLI can reach it; 0 picks a free port. */
      readonly port: number;
      readonly region: string;
      readonly client: ClientSettings;
    }
  | { readonly kind: 'client'; readonly target: UpstreamTarget; readonly client: ClientSettings };

export interface ClientSettings {
  readonly maxAttempts: number;
  readonly requestTimeoutMs: number;
  readonly rateScale: number;
  readonly concurrency: number;
  readonly readDeadlineMs: number;
  readonly writeDeadlineMs: number;
}

export type LogLevel = z.infer<typeof logLevel>;
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/**
 * A problem the operator can fix: each line names the variable or flag at fault. The CLI prints the
 * label (what went wrong, e.g. "Invalid options") and the lines, and exits 2.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly problems: readonly string[],
    readonly label = 'Invalid configuration',
  ) {
    super(`${label}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** The embedded emulator's saved organization, beside the embedded database in ORGQL_DATA_DIR. */
export const EMULATOR_STATE_FILE = 'emulator-state.json';

/** The default port of the embedded emulator: LocalStack's, which AWS tooling and docs commonly assume. */
export const DEFAULT_EMULATOR_PORT = 4566;

const PORT_MESSAGE = 'must be an integer from 0 to 65535';
const port = z.coerce.number({ error: PORT_MESSAGE }).int(PORT_MESSAGE).min(0, PORT_MESSAGE).max(65535, PORT_MESSAGE);
const optionalText = z.string().trim().min(1).optional().catch(undefined);

const envSchema = z.object({
  ORGQL_HOST: z.string().trim().min(1).default('127.0.0.1'),
  ORGQL_PORT: port.default(4000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgresql:// or postgres:// URL')
    .optional(),
  ORGQL_DATA_DIR: z.string().trim().min(1).default('.orgql'),
  ORGQL_UPSTREAM: z.enum(['emulator', 'aws']).optional(),
  ORGQL_ORGANIZATIONS_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  ORGQL_ASSUME_ROLE_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, 'must be an IAM role ARN (arn:aws:iam::123456789012:role/Name)')
    .optional(),
  ORGQL_EMULATOR_SEED: z.string().trim().min(1).default('demo'),
  ORGQL_EMULATOR_PORT: port.default(DEFAULT_EMULATOR_PORT),
  ORGQL_UPSTREAM_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(4),
  ORGQL_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  ORGQL_UPSTREAM_RATE_SCALE: z.coerce.number().min(0).max(100).optional(),
  ORGQL_UPSTREAM_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  ORGQL_UPSTREAM_READ_DEADLINE_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  ORGQL_UPSTREAM_WRITE_DEADLINE_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  AWS_REGION: z.string().trim().min(1).default('us-east-1'),
  AWS_ACCESS_KEY_ID: optionalText,
  AWS_SECRET_ACCESS_KEY: optionalText,
  AWS_SESSION_TOKEN: optionalText,
  LOG_LEVEL: logLevel.default('info'),
  ORGQL_LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  NODE_ENV: z.string().optional(),
  ORGQL_AUDIT_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  ORGQL_API_KEY: optionalText,
  ORGQL_METRICS_PORT: port.optional(),
  ORGQL_AUDIT_RECONCILE_GRACE_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000),
  ORGQL_MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgresql:// or postgres:// URL')
    .optional(),
  ORGQL_AUDIT_SIGNING_KEY: z.string().trim().min(1).optional(),
  ORGQL_AUDIT_CHECKPOINT_DIR: z.string().trim().min(1).optional(),
  ORGQL_AUDIT_CHECKPOINT_INTERVAL_S: z.coerce.number().int().min(0).max(31_536_000).default(3600),
  ORGQL_MIRROR: z.enum(['on', 'off']).default('on'),
  ORGQL_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  ORGQL_MIRROR_REFRESH_S: z.coerce.number().int().min(1).max(86_400).default(300),
  ORGQL_MIRROR_READY_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  ORGQL_MIRROR_MAX_AGE_S: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(3600),
  ORGQL_MIRROR_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  ORGQL_MIRROR_LEADER_RETRY_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
  ORGQL_MIRROR_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
});

export interface Flags {
  readonly port?: string | undefined;
  readonly host?: string | undefined;
}

export interface ConfigSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly flags?: Flags;
  /** Whether stdout is a terminal: decides pretty logs when ORGQL_LOG_FORMAT=auto. */
  readonly isTTY?: boolean;
  readonly cwd?: string;
}

export function parseConfig({ env, flags = {}, isTTY = false, cwd = process.cwd() }: ConfigSources): Config {
  const problems: string[] = [];
  // Empty variables count as unset, as in most twelve-factor tools.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  const security = parseSecurityConfig(cleaned as Record<string, string>, cleaned.NODE_ENV === 'production');
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message} (got ${quoted(cleaned[String(issue.path[0])])})`);
    throw new ConfigError([...problems, ...security.problems]);
  }
  const e = parsed.data;

  const flagPort = flags.port === undefined ? undefined : port.safeParse(flags.port);
  if (flagPort && !flagPort.success) problems.push(`--port: ${PORT_MESSAGE} (got ${JSON.stringify(flags.port)})`);
  if (flags.host !== undefined && flags.host.trim() === '') problems.push('--host: must not be empty');
  if (e.ORGQL_UPSTREAM === 'emulator' && e.ORGQL_ORGANIZATIONS_ENDPOINT) {
    problems.push('ORGQL_UPSTREAM: "emulator" runs the embedded emulator and cannot be combined with ORGQL_ORGANIZATIONS_ENDPOINT');
  }
  if (e.ORGQL_MIGRATION_DATABASE_URL && !e.DATABASE_URL) {
    problems.push('ORGQL_MIGRATION_DATABASE_URL: only applies with DATABASE_URL (the embedded database has one role)');
  }
  if (e.ORGQL_ASSUME_ROLE_ARN && e.ORGQL_UPSTREAM !== 'aws') {
    problems.push('ORGQL_ASSUME_ROLE_ARN: only applies with ORGQL_UPSTREAM=aws');
  }
  const seedProblem = checkSeed(e, cwd);
  if (seedProblem) problems.push(seedProblem);
  problems.push(...security.problems);
  if (problems.length > 0 || !security.value) throw new ConfigError(problems);

  const client: ClientSettings = {
    maxAttempts: e.ORGQL_UPSTREAM_MAX_ATTEMPTS,
    requestTimeoutMs: e.ORGQL_UPSTREAM_TIMEOUT_MS,
    // AWS's documented rates, except for the embedded emulator, which has no quota to respect.
    rateScale: e.ORGQL_UPSTREAM_RATE_SCALE ?? (e.ORGQL_UPSTREAM !== 'aws' && !e.ORGQL_ORGANIZATIONS_ENDPOINT ? 0 : 1),
    concurrency: e.ORGQL_UPSTREAM_CONCURRENCY,
    readDeadlineMs: e.ORGQL_UPSTREAM_READ_DEADLINE_MS,
    writeDeadlineMs: e.ORGQL_UPSTREAM_WRITE_DEADLINE_MS,
  };
  const database: DatabaseTarget = e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL }
    : { kind: 'pglite', dataDir: path.resolve(cwd, e.ORGQL_DATA_DIR, 'pgdata') };
  const dataDir = path.resolve(cwd, e.ORGQL_DATA_DIR);
  return {
    http: { host: flags.host?.trim() ?? e.ORGQL_HOST, port: flagPort?.success ? flagPort.data : e.ORGQL_PORT },
    database,
    ...(e.ORGQL_MIGRATION_DATABASE_URL ? { migrationDatabase: { kind: 'postgres', url: e.ORGQL_MIGRATION_DATABASE_URL } as const } : {}),
    upstream: upstreamConfig(e, client, dataDir),
    log: { level: e.LOG_LEVEL, pretty: e.ORGQL_LOG_FORMAT === 'pretty' || (e.ORGQL_LOG_FORMAT === 'auto' && isTTY) },
    production: e.NODE_ENV === 'production',
    security: security.value,
    audit: {
      reconcileIntervalMs: e.ORGQL_AUDIT_RECONCILE_INTERVAL_MS,
      reconcileGraceMs: e.ORGQL_AUDIT_RECONCILE_GRACE_MS,
      checkpoints: {
        dir: path.resolve(cwd, e.ORGQL_AUDIT_CHECKPOINT_DIR ?? path.join(dataDir, 'checkpoints')),
        signingKeyPath: path.resolve(cwd, e.ORGQL_AUDIT_SIGNING_KEY ?? path.join(dataDir, 'audit-signing-key.pem')),
        createKeyIfMissing: e.ORGQL_AUDIT_SIGNING_KEY === undefined,
        intervalMs: e.ORGQL_AUDIT_CHECKPOINT_INTERVAL_S * 1000,
      },
    },
    cli: { apiKey: e.ORGQL_API_KEY, url: e.ORGQL_URL },
    metrics: { port: e.ORGQL_METRICS_PORT },
    mirror: {
      enabled: e.ORGQL_MIRROR === 'on',
      refreshSeconds: e.ORGQL_MIRROR_REFRESH_S,
      readyTimeoutMs: e.ORGQL_MIRROR_READY_TIMEOUT_MS,
      maxPersistedAgeSeconds: e.ORGQL_MIRROR_MAX_AGE_S,
      concurrency: e.ORGQL_MIRROR_CONCURRENCY,
      leaderRetryMs: e.ORGQL_MIRROR_LEADER_RETRY_MS,
      pollMs: e.ORGQL_MIRROR_POLL_MS,
    },
  };
}

function upstreamConfig(e: z.infer<typeof envSchema>, client: ClientSettings, dataDir: string): UpstreamConfig {
  if (e.ORGQL_UPSTREAM === 'aws') {
    return { kind: 'client', client, target: { kind: 'aws', region: e.AWS_REGION, assumeRoleArn: e.ORGQL_ASSUME_ROLE_ARN } };
  }
  if (e.ORGQL_ORGANIZATIONS_ENDPOINT) {
    // A local endpoint accepts any signature; the caller's keys are passed on when set.
    const credentials =
      e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY
        ? { accessKeyId: e.AWS_ACCESS_KEY_ID, secretAccessKey: e.AWS_SECRET_ACCESS_KEY, sessionToken: e.AWS_SESSION_TOKEN }
        : { accessKeyId: 'orgql-local', secretAccessKey: 'orgql-local' };
    return { kind: 'client', client, target: { kind: 'endpoint', endpoint: e.ORGQL_ORGANIZATIONS_ENDPOINT, region: e.AWS_REGION, credentials } };
  }
  return {
    kind: 'embedded-emulator',
    seed: e.ORGQL_EMULATOR_SEED,
    statePath: path.join(dataDir, EMULATOR_STATE_FILE),
    port: e.ORGQL_EMULATOR_PORT,
    region: e.AWS_REGION,
    client,
  };
}

/** The seed is `demo`, `empty` or a file; a file that is not there is named now, not at start-up. */
function checkSeed(e: z.infer<typeof envSchema>, cwd: string): string | undefined {
  const seed = e.ORGQL_EMULATOR_SEED;
  if (e.ORGQL_UPSTREAM === 'aws' || e.ORGQL_ORGANIZATIONS_ENDPOINT) return undefined;
  if (seed === 'demo' || seed === 'empty' || existsSync(path.resolve(cwd, seed))) return undefined;
  return `ORGQL_EMULATOR_SEED: must be demo, empty or the path of a seed file; no such file (got ${quoted(seed)})`;
}
