import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { createJwtVerifier, InvalidTokenError, type JwtSettings } from '../../src/auth/jwt-verifier';

const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'orgql';

interface Keys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

function token(keys: Keys, claims: Record<string, unknown>, options: { issuer?: string; audience?: string; expiresIn?: string; kid?: string } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', ...(options.kid ? { kid: options.kid } : {}) })
    .setSubject('user-123')
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(keys.privateKey);
}

describe('JWT verification with a static public key', () => {
  let keys: Keys;
  let settings: JwtSettings;
  beforeAll(async () => {
    keys = await generateKeyPair('RS256');
    settings = {
      issuer: ISSUER,
      audience: AUDIENCE,
      key: { kind: 'pem', pem: await exportSPKI(keys.publicKey) },
      algorithms: ['RS256'],
      rolesClaim: 'roles',
      clockToleranceSeconds: 0,
    };
  });

  it('accepts a valid token and reads roles and display name from its claims', async () => {
    const verify = await createJwtVerifier(settings);
    const principal = await verify(await token(keys, { roles: ['editor', 'unknown-role'], name: 'Ada Lovelace' }));
    expect(principal).toEqual({ id: 'jwt:user-123', type: 'JWT', displayName: 'Ada Lovelace', roles: ['editor'] });
  });

  it('reads roles from a nested claim and from a space-separated string', async () => {
    const nested = await createJwtVerifier({ ...settings, rolesClaim: 'realm_access.roles' });
    expect((await nested(await token(keys, { realm_access: { roles: ['auditor'] } }))).roles).toEqual(['auditor']);
    const scopes = await createJwtVerifier({ ...settings, rolesClaim: 'scope' });
    expect((await scopes(await token(keys, { scope: 'viewer admin openid' }))).roles).toEqual(['viewer', 'admin']);
  });

  it.each([
    ['an expired token', { expiresIn: '-1m' }],
    ['another issuer', { issuer: 'https://evil.example.test/' }],
    ['another audience', { audience: 'someone-else' }],
  ])('rejects %s', async (_name, options) => {
    const verify = await createJwtVerifier(settings);
    await expect(verify(await token(keys, { roles: ['admin'] }, options))).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('rejects a token signed with another key', async () => {
    const other = await generateKeyPair('RS256');
    const verify = await createJwtVerifier(settings);
    await expect(verify(await token(other, { roles: ['admin'] }))).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('rejects a token whose payload was altered after signing', async () => {
    const verify = await createJwtVerifier(settings);
    const [header, , signature] = (await token(keys, { roles: ['viewer'] })).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'user-123', iss: ISSUER, aud: AUDIENCE, exp: 9999999999, roles: ['admin'] })).toString('base64url');
    await expect(verify(`${header}.${forged}.${signature}`)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('rejects an unsigned token (alg none)', async () => {
    const verify = await createJwtVerifier(settings);
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'x', iss: ISSUER, aud: AUDIENCE, exp: 9999999999, roles: ['admin'] })).toString('base64url');
    await expect(verify(`${header}.${body}.`)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});

describe('JWT verification with a JWKS endpoint', () => {
  let server: Server;
  let keys: Keys;
  let url: string;
  beforeAll(async () => {
    keys = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('verifies a token against the key the JWKS publishes for its kid', async () => {
    const verify = await createJwtVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      key: { kind: 'jwks', url },
      algorithms: ['RS256'],
      rolesClaim: 'roles',
      clockToleranceSeconds: 0,
    });
    const principal = await verify(await token(keys, { roles: ['viewer'], email: 'ops@example.test' }, { kid: 'key-1' }));
    expect(principal).toMatchObject({ id: 'jwt:user-123', displayName: 'ops@example.test', roles: ['viewer'] });
  });
});
