import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { Browser, BrowserContext } from 'playwright-core';
import { startGatewayUnderTest, type GatewayUnderTest } from '../../test/support/gateway-harness';
import { launchChromium } from './support/chromium';
import { collectPageErrors } from './support/page-errors';
import { SUITE_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts';

jest.setTimeout(TEST_TIMEOUT_MS);

/** Issue 13, item 1: "With JWT configured, a bearer token can be pasted the same way." */
const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'orgql';

describe('Signing in to the console with a JWT', () => {
  let gateway: GatewayUnderTest;
  let browser: Browser;
  let privateKey: CryptoKey;
  const contexts: BrowserContext[] = [];
  const tokenFor = (claims: Record<string, unknown>, expiresIn = '10m') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('ada')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(privateKey);
  const openConsole = async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    const errors = collectPageErrors(page, new URL(gateway.gateway.url).origin);
    await page.goto(new URL('/console/org', gateway.gateway.url).toString());
    return { page, errors };
  };

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256');
    privateKey = keys.privateKey;
    const env = { ORGQL_JWT_ISSUER: ISSUER, ORGQL_JWT_AUDIENCE: AUDIENCE, ORGQL_JWT_PUBLIC_KEY: await exportSPKI(keys.publicKey), ORGQL_EMULATOR_SEED: 'demo' };
    [gateway, browser] = await Promise.all([startGatewayUnderTest(env), launchChromium()]);
  }, SUITE_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.allSettled([...contexts.map((context) => context.close()), browser?.close(), gateway?.close()]);
  });

  it("takes a bearer token in the API key field, keeps it in sessionStorage and shows the token's name and role", async () => {
    const { page, errors } = await openConsole();
    const token = await tokenFor({ roles: ['viewer'], name: 'Ada Lovelace' });
    await page.getByLabel('API key', { exact: true }).fill(token);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('signed-in-as').filter({ hasText: 'Signed in as Ada Lovelace (viewer)' }).waitFor();
    await page.getByRole('tree', { name: 'Organization tree' }).locator('[data-node-id="r-demo"]').waitFor();
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('orgql.console.credential'))).toBe(token);
    expect(errors).toEqual([]);
  });

  it('refuses an expired token and keeps the form', async () => {
    const { page, errors } = await openConsole();
    await page.getByLabel('API key', { exact: true }).fill(await tokenFor({ roles: ['viewer'] }, '-5m'));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'refused' }).waitFor();
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    // Chromium itself logs the refused request (401) as a console error; nothing else may be logged.
    expect(errors.filter((error) => !error.includes('status of 401'))).toEqual([]);
  });
});
