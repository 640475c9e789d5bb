import path from 'node:path';
import { ConfigError, parseConfig } from '../../src/server/config';
import { parseEmulatorFlags } from '../../src/server/emulator-config';
import { redactCredentials } from '../../src/server/redact';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('gateway configuration', () => {
  it('defaults to loopback:4000, an embedded database in .orgql/pgdata and the embedded demo emulator', () => {
    const config = parseConfig({ env: {}, cwd: '/srv/app' });
    expect(config.http).toEqual({ host: '127.0.0.1', port: 4000 });
    expect(config.database).toEqual({ kind: 'pglite', dataDir: path.resolve('/srv/app/.orgql/pgdata') });
    expect(config.upstream).toMatchObject({
      kind: 'embedded-emulator',
      seed: 'demo',
      port: 4566,
      region: 'us-east-1',
      statePath: path.resolve('/srv/app/.orgql/emulator-state.json'),
    });
    expect(config.log).toEqual({ level: 'info', pretty: false });
  });

  it('uses the PostgreSQL server at DATABASE_URL when it is set', () => {
    const config = parseConfig({ env: { DATABASE_URL: 'postgresql://u@db:5432/orgql' } });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgresql://u@db:5432/orgql' });
  });

  it('migrates over ORGQL_MIGRATION_DATABASE_URL (the owner) when it is set, else over DATABASE_URL', () => {
    const split = parseConfig({ env: { DATABASE_URL: 'postgresql://gw@db/orgql', ORGQL_MIGRATION_DATABASE_URL: 'postgresql://owner@db/orgql' } });
    expect(split.database).toEqual({ kind: 'postgres', url: 'postgresql://gw@db/orgql' });
    expect(split.migrationDatabase).toEqual({ kind: 'postgres', url: 'postgresql://owner@db/orgql' });
    expect(parseConfig({ env: { DATABASE_URL: 'postgresql://gw@db/orgql' } }).migrationDatabase).toBeUndefined();
    expect(problemsOf(() => parseConfig({ env: { ORGQL_MIGRATION_DATABASE_URL: 'postgresql://owner@db/orgql' } }))).toEqual([
      expect.stringMatching(/^ORGQL_MIGRATION_DATABASE_URL: only applies with DATABASE_URL/),
    ]);
  });

  it('keeps audit checkpoints and their signing key in the data directory unless told', () => {
    expect(parseConfig({ env: {}, cwd: '/srv/app' }).audit.checkpoints).toEqual({
      dir: path.resolve('/srv/app/.orgql/checkpoints'),
      signingKeyPath: path.resolve('/srv/app/.orgql/audit-signing-key.pem'),
      createKeyIfMissing: true,
      intervalMs: 3_600_000,
    });
    const told = parseConfig({
      env: { ORGQL_AUDIT_SIGNING_KEY: '/keys/audit.pem', ORGQL_AUDIT_CHECKPOINT_DIR: '/worm/orgql', ORGQL_AUDIT_CHECKPOINT_INTERVAL_S: '60' },
      cwd: '/srv/app',
    });
    expect(told.audit.checkpoints).toEqual({ dir: '/worm/orgql', signingKeyPath: '/keys/audit.pem', createKeyIfMissing: false, intervalMs: 60_000 });
  });

  it('points the SDK at ORGQL_ORGANIZATIONS_ENDPOINT with local credentials', () => {
    const config = parseConfig({ env: { ORGQL_ORGANIZATIONS_ENDPOINT: 'http://127.0.0.1:4566' } });
    expect(config.upstream).toMatchObject({
      kind: 'client',
      target: { kind: 'endpoint', endpoint: 'http://127.0.0.1:4566', credentials: { accessKeyId: 'orgql-local' } },
    });
  });

  it('uses the real Organizations API with ORGQL_UPSTREAM=aws, optionally assuming a role', () => {
    const config = parseConfig({ env: { ORGQL_UPSTREAM: 'aws', ORGQL_ASSUME_ROLE_ARN: 'arn:aws:iam::123456789012:role/OrgqlReader' } });
    expect(config.upstream).toMatchObject({
      kind: 'client',
      target: { kind: 'aws', region: 'us-east-1', assumeRoleArn: 'arn:aws:iam::123456789012:role/OrgqlReader' },
    });
  });

  it("paces an external upstream at AWS's documented rates and the embedded emulator not at all, unless told", () => {
    const client = (env: Record<string, string>) => parseConfig({ env }).upstream.client;
    expect(client({})).toEqual({ maxAttempts: 4, requestTimeoutMs: 10_000, rateScale: 0, concurrency: 8, readDeadlineMs: 60_000, writeDeadlineMs: 30_000 });
    expect(client({ ORGQL_UPSTREAM: 'aws' }).rateScale).toBe(1);
    expect(client({ ORGQL_ORGANIZATIONS_ENDPOINT: 'http://127.0.0.1:4566' }).rateScale).toBe(1);
    expect(
      client({
        ORGQL_UPSTREAM_RATE_SCALE: '0.5',
        ORGQL_UPSTREAM_CONCURRENCY: '2',
        ORGQL_UPSTREAM_READ_DEADLINE_MS: '5000',
        ORGQL_UPSTREAM_WRITE_DEADLINE_MS: '2000',
      }),
    ).toMatchObject({ rateScale: 0.5, concurrency: 2, readDeadlineMs: 5000, writeDeadlineMs: 2000 });
    expect(problemsOf(() => parseConfig({ env: { ORGQL_UPSTREAM_RATE_SCALE: '-1', ORGQL_UPSTREAM_CONCURRENCY: '0' } }))).toEqual([
      expect.stringMatching(/^ORGQL_UPSTREAM_RATE_SCALE: /),
      expect.stringMatching(/^ORGQL_UPSTREAM_CONCURRENCY: /),
    ]);
  });

  it('lets --port and --host override the environment', () => {
    const config = parseConfig({ env: { ORGQL_PORT: '5000', ORGQL_HOST: '0.0.0.0' }, flags: { port: '0', host: '::1' } });
    expect(config.http).toEqual({ host: '::1', port: 0 });
  });

  it('logs human-readable lines in a terminal and JSON otherwise, unless told', () => {
    expect(parseConfig({ env: {}, isTTY: true }).log.pretty).toBe(true);
    expect(parseConfig({ env: { ORGQL_LOG_FORMAT: 'json' }, isTTY: true }).log.pretty).toBe(false);
    expect(parseConfig({ env: { ORGQL_LOG_FORMAT: 'pretty' } }).log.pretty).toBe(true);
  });

  it.each([
    ['ORGQL_PORT', { ORGQL_PORT: 'eighty' }],
    ['ORGQL_PORT', { ORGQL_PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/db' }],
    ['ORGQL_UPSTREAM', { ORGQL_UPSTREAM: 'azure' }],
    ['ORGQL_ORGANIZATIONS_ENDPOINT', { ORGQL_ORGANIZATIONS_ENDPOINT: 'not a url' }],
    ['ORGQL_ASSUME_ROLE_ARN', { ORGQL_UPSTREAM: 'aws', ORGQL_ASSUME_ROLE_ARN: 'arn:aws:iam::12:user/bob' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['ORGQL_UPSTREAM_MAX_ATTEMPTS', { ORGQL_UPSTREAM_MAX_ATTEMPTS: '0' }],
    ['ORGQL_EMULATOR_PORT', { ORGQL_EMULATOR_PORT: '4566x' }],
    ['ORGQL_EMULATOR_SEED', { ORGQL_EMULATOR_SEED: 'demo-org' }],
    ['ORGQL_EMULATOR_SEED', { ORGQL_EMULATOR_SEED: '/nonexistent/seed.json' }],
  ])('rejects a bad %s with a message naming it', (variable, env) => {
    const problems = problemsOf(() => parseConfig({ env }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${variable}: `));
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf(() => parseConfig({ env: { ORGQL_PORT: 'x', LOG_LEVEL: 'y' } }));
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'ORGQL_PORT']);
  });

  it('refuses contradictory upstream settings', () => {
    expect(problemsOf(() => parseConfig({ env: { ORGQL_UPSTREAM: 'emulator', ORGQL_ORGANIZATIONS_ENDPOINT: 'http://x:1' } }))[0]).toMatch(/^ORGQL_UPSTREAM: /);
    expect(problemsOf(() => parseConfig({ env: { ORGQL_ASSUME_ROLE_ARN: 'arn:aws:iam::123456789012:role/R' } }))[0]).toMatch(/^ORGQL_ASSUME_ROLE_ARN: /);
  });

  it('names the flag when --port is bad', () => {
    expect(problemsOf(() => parseConfig({ env: {}, flags: { port: '-1' } }))[0]).toMatch(/^--port: /);
  });

  it('puts the embedded emulator on ORGQL_EMULATOR_PORT, 0 for a free port', () => {
    expect(parseConfig({ env: { ORGQL_EMULATOR_PORT: '0' } }).upstream).toMatchObject({ kind: 'embedded-emulator', port: 0 });
    expect(parseConfig({ env: { ORGQL_EMULATOR_PORT: '4599' } }).upstream).toMatchObject({ kind: 'embedded-emulator', port: 4599 });
  });

  it('accepts a seed file that exists, relative to the working directory', () => {
    const root = path.resolve(__dirname, '..', '..');
    const config = parseConfig({ env: { ORGQL_EMULATOR_SEED: 'package.json' }, cwd: root });
    expect(config.upstream).toMatchObject({ kind: 'embedded-emulator', seed: 'package.json' });
  });

  it.each([
    ['a malformed DATABASE_URL', { DATABASE_URL: 'postgres//orgql:hunter2-secret@db:5432/orgql' }],
    ['a DATABASE_URL of another database', { DATABASE_URL: 'mysql://orgql:hunter2-secret@db/orgql' }],
    ['a password in a parameter', { DATABASE_URL: 'pg://db/orgql?user=orgql&password=hunter2-secret' }],
    ['a JWKS URL with credentials', { ORGQL_JWT_ISSUER: 'i', ORGQL_JWT_AUDIENCE: 'a', ORGQL_JWKS_URL: 'ftp://u:hunter2-secret@idp/jwks' }],
  ])('names the variable of %s without echoing its password', (_case, env) => {
    const problems = problemsOf(() => parseConfig({ env }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^(DATABASE_URL|ORGQL_JWKS_URL): .*\*\*\*/);
    expect(problems[0]).not.toContain('hunter2');
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ env: { DATABASE_URL: '', ORGQL_PORT: '' } }).database.kind).toBe('pglite');
  });
});

describe('emulator command options', () => {
  it('holds a fresh organization on port 4566 unless told otherwise', () => {
    expect(parseEmulatorFlags({})).toEqual({
      host: '127.0.0.1',
      port: 4566,
      seed: 'empty',
      latencyMs: 0,
      throttle: false,
      failRate: 0,
      eventsTo: undefined,
      eventsHeaders: {},
      statePath: undefined,
      reset: false,
    });
  });

  it('sends events to an http(s) URL with the headers given as name: value', () => {
    const options = parseEmulatorFlags({ eventsTo: 'http://127.0.0.1:4150/events/organizations', eventsHeader: ['Authorization: Bearer k1', 'x-extra:two'] });
    expect(options).toMatchObject({ eventsTo: 'http://127.0.0.1:4150/events/organizations', eventsHeaders: { authorization: 'Bearer k1', 'x-extra': 'two' } });
  });

  it('refuses a non-http events URL, a malformed header without echoing it, and headers without a URL', () => {
    expect(problemsOf(() => parseEmulatorFlags({ eventsTo: 'ftp://example.com/x' }))[0]).toMatch(/^--events-to: /);
    const problems = problemsOf(() => parseEmulatorFlags({ eventsTo: 'http://127.0.0.1:1/', eventsHeader: ['Bearer secret-value'] }));
    expect(problems[0]).toMatch(/^--events-header: /);
    expect(problems.join('\n')).not.toContain('secret-value');
    expect(problemsOf(() => parseEmulatorFlags({ eventsHeader: ['a: b'] }))).toEqual(['--events-header: needs --events-to']);
  });

  it('resolves --state against the working directory and accepts --reset only with it', () => {
    expect(parseEmulatorFlags({ state: 'org.json', reset: true }, '/srv/app')).toMatchObject({ statePath: '/srv/app/org.json', reset: true });
    expect(problemsOf(() => parseEmulatorFlags({ reset: true }))[0]).toMatch(/^--reset: /);
  });

  it('names the flag of a bad value', () => {
    expect(problemsOf(() => parseEmulatorFlags({ failRate: '1.5' }))[0]).toMatch(/^--fail-rate: /);
    expect(problemsOf(() => parseEmulatorFlags({ latencyMs: 'slow' }))[0]).toMatch(/^--latency-ms: /);
  });
});

describe('redactCredentials', () => {
  it.each([
    ['postgresql://u:secret@h:5432/db', 'postgresql://u:***@h:5432/db'],
    ['postgres//u:secret@h/db', 'postgres//u:***@h/db'],
    ['postgresql://u:p@ss:w@h/db', 'postgresql://u:***@h/db'],
    ['postgresql://h/db?password=secret&sslmode=require', 'postgresql://h/db?password=***&sslmode=require'],
    ['postgresql://u@h/db', 'postgresql://u@h/db'],
    ['http://127.0.0.1:4566', 'http://127.0.0.1:4566'],
  ])('masks the password of %s', (value, expected) => {
    expect(redactCredentials(value)).toBe(expected);
  });
});
