import { createHmac } from 'node:crypto';
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { actorIdOfKey, bearer, codesOf, post, startSecurityGateway, type SecurityGateway } from './support';

/** Bearer JWTs from an OIDC provider, verified end to end by a running gateway. */
const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'orgql-security-tests';

describe('JWT authentication over HTTP', () => {
  let g: SecurityGateway;
  let privateKey: CryptoKey;
  let otherPrivateKey: CryptoKey;
  let publicPem: string;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    publicPem = await exportSPKI(pair.publicKey);
    otherPrivateKey = (await generateKeyPair('RS256')).privateKey;
    g = await startSecurityGateway({ ORGQL_JWT_ISSUER: ISSUER, ORGQL_JWT_AUDIENCE: AUDIENCE, ORGQL_JWT_PUBLIC_KEY: publicPem });
  });
  afterAll(() => g.close());

  interface TokenOptions {
    readonly sub?: string | undefined;
    readonly claims?: JWTPayload;
    readonly issuer?: string;
    readonly audience?: string;
    readonly expiresAt?: number | undefined;
    readonly notBefore?: number;
    readonly key?: CryptoKey;
  }

  const now = () => Math.floor(Date.now() / 1000);
  async function token(options: TokenOptions = {}): Promise<string> {
    const jwt = new SignJWT({ ...options.claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt();
    if (!('sub' in options) || options.sub !== undefined) jwt.setSubject(options.sub ?? 'alice');
    if (!('expiresAt' in options)) jwt.setExpirationTime(now() + 300);
    else if (options.expiresAt !== undefined) jwt.setExpirationTime(options.expiresAt);
    if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
    return jwt.sign(options.key ?? privateKey);
  }
  const withRoles = (roles: unknown, sub = 'alice', extra: JWTPayload = {}) => token({ sub, claims: { roles, ...extra } });

  const READ = '{ organization { id } }';
  const AUDIT = '{ verifyAuditChain { ok } }';
  const MUTATE = 'mutation { tagResource(resourceId: "444444444444", tags: [{ key: "jwt", value: "yes" }]) { auditEventId } }';

  const outcome = async (tokenValue: string, query: string) => {
    const answer = await post(g.graphqlUrl, bearer(tokenValue), query);
    if (answer.status !== 200) return `HTTP ${answer.status}`;
    const codes = codesOf(answer);
    return codes.length === 0 ? 'ok' : codes.join(',');
  };

  it.each([
    ['viewer', ['viewer'], { READ: 'ok', MUTATE: 'FORBIDDEN', AUDIT: 'FORBIDDEN' }],
    ['editor', ['editor'], { READ: 'ok', MUTATE: 'ok', AUDIT: 'FORBIDDEN' }],
    ['auditor', ['auditor'], { READ: 'FORBIDDEN', MUTATE: 'FORBIDDEN', AUDIT: 'ok' }],
    ['admin', ['admin'], { READ: 'ok', MUTATE: 'ok', AUDIT: 'ok' }],
    ['viewer and auditor (a space-separated string, as scopes)', 'viewer auditor', { READ: 'ok', MUTATE: 'FORBIDDEN', AUDIT: 'ok' }],
    ['no roles claim at all', undefined, { READ: 'FORBIDDEN', MUTATE: 'FORBIDDEN', AUDIT: 'FORBIDDEN' }],
    ['only unknown roles', ['root', 'superuser', 'ADMIN'], { READ: 'FORBIDDEN', MUTATE: 'FORBIDDEN', AUDIT: 'FORBIDDEN' }],
    ['a roles claim of the wrong type', { admin: true }, { READ: 'FORBIDDEN', MUTATE: 'FORBIDDEN', AUDIT: 'FORBIDDEN' }],
  ])('grants a token with %s exactly what its roles allow', async (_name, roles, expected) => {
    const tokenValue = await withRoles(roles, `user-${String(_name).split(' ')[0]}`);
    expect({ READ: await outcome(tokenValue, READ), MUTATE: await outcome(tokenValue, MUTATE), AUDIT: await outcome(tokenValue, AUDIT) }).toEqual(expected);
  });

  it('records the token subject as the audit actor jwt:<sub>, with its display name', async () => {
    const tokenValue = await withRoles(['editor'], 'carol-123', { name: 'Carol Example' });
    const answer = await post(g.graphqlUrl, bearer(tokenValue), MUTATE, undefined, { 'x-actor': 'admin' });
    expect(answer.body.errors).toBeUndefined();
    const intentId: string = answer.body.data!.tagResource.auditEventId;
    const rows = await g.gateway.database.prisma.auditEvent.findMany({ where: { OR: [{ id: intentId }, { intentId }] } });
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toMatchObject({ actorId: 'jwt:carol-123', actorType: 'JWT', actorDisplayName: 'Carol Example', actorAuthMethod: 'jwt' });
  });

  it('audits a mutation a JWT caller was refused, under jwt:<sub>', async () => {
    const tokenValue = await withRoles(['viewer'], 'dave');
    expect(await outcome(tokenValue, MUTATE)).toBe('FORBIDDEN');
    const rows = await g.gateway.database.prisma.auditEvent.findMany({ where: { actorId: 'jwt:dave' }, orderBy: { sequence: 'asc' } });
    expect(rows.map((r) => [r.kind, r.outcome, r.errorCode])).toEqual([
      ['INTENT', 'PENDING', null],
      ['RESULT', 'FAILED', 'FORBIDDEN'],
    ]);
  });

  const header = (alg: string) => Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
  const payload = (claims: JWTPayload) => Buffer.from(JSON.stringify(claims)).toString('base64url');
  const validClaims = () => ({ iss: ISSUER, aud: AUDIENCE, sub: 'mallory', roles: ['admin'], iat: now(), exp: now() + 300 });

  it.each<[string, () => Promise<string>]>([
    ['expired (beyond the clock tolerance)', () => token({ claims: { roles: ['admin'] }, expiresAt: now() - 120 })],
    ['not valid yet', () => token({ claims: { roles: ['admin'] }, notBefore: now() + 600 })],
    ['for another audience', () => token({ claims: { roles: ['admin'] }, audience: 'some-other-api' })],
    ['from another issuer', () => token({ claims: { roles: ['admin'] }, issuer: 'https://evil.example.test/' })],
    ['signed with another key', () => token({ claims: { roles: ['admin'] }, key: otherPrivateKey })],
    ['without a subject', () => token({ sub: undefined, claims: { roles: ['admin'] } })],
    ['without an expiry', () => token({ claims: { roles: ['admin'] }, expiresAt: undefined })],
    ['unsigned (alg none)', async () => `${header('none')}.${payload(validClaims())}.`],
    [
      'HS256-signed with the public key as secret (algorithm confusion)',
      async () => {
        const signingInput = `${header('HS256')}.${payload(validClaims())}`;
        return `${signingInput}.${createHmac('sha256', publicPem).update(signingInput).digest('base64url')}`;
      },
    ],
    [
      'with its payload changed after signing',
      async () => {
        const [h, , s] = (await withRoles(['viewer'], 'mallory')).split('.');
        return `${h}.${payload(validClaims())}.${s}`;
      },
    ],
    ['truncated', async () => (await withRoles(['admin'])).slice(0, -10)],
    ['garbage', async () => 'not.a.jwt'],
  ])('refuses a token %s with 401 invalid_token', async (_name, make) => {
    const answer = await post(g.graphqlUrl, bearer(await make()), READ);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(codesOf(answer)).toEqual(['UNAUTHENTICATED']);
    expect(answer.text).not.toContain('o-orgqldemo01');
  });

  it('refuses an expired token on every route but the probes', async () => {
    const expired = await token({ claims: { roles: ['admin'] }, expiresAt: now() - 120 });
    for (const path of ['/', '/audit/export', '/graphql']) {
      const response = await fetch(new URL(path, g.url), { headers: { authorization: bearer(expired), 'apollo-require-preflight': 'true' } });
      expect({ path, status: response.status }).toEqual({ path, status: 401 });
      await response.text();
    }
    expect((await fetch(new URL('/healthz', g.url))).status).toBe(200);
  });

  it('lets an auditor token export the audit log and refuses a viewer token with 403', async () => {
    const auditor = await fetch(new URL('/audit/export', g.url), { headers: { authorization: bearer(await withRoles(['auditor'], 'erin')) } });
    expect(auditor.status).toBe(200);
    const lines = (await auditor.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { actor: { id: string } });
    expect(lines.some((line) => line.actor.id === 'jwt:carol-123')).toBe(true);
    const viewer = await fetch(new URL('/audit/export', g.url), { headers: { authorization: bearer(await withRoles(['viewer'], 'frank')) } });
    expect(viewer.status).toBe(403);
    await viewer.text();
  });

  it('creates no bootstrap admin key when JWT is configured, and still accepts API keys made by an admin', async () => {
    expect(g.gateway.bootstrapAdminKey).toBeUndefined();
    expect(await g.gateway.database.prisma.apiKey.count()).toBe(0);
    const key = await g.keyFor('viewer', 'alongside-jwt');
    const answer = await post(g.graphqlUrl, bearer(key), READ);
    expect(answer.body.data).toEqual({ organization: { id: 'o-orgqldemo01' } });
    expect(actorIdOfKey(key)).toMatch(/^apikey:[a-f0-9]{16}$/);
  });
});
