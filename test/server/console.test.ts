import { readdirSync } from 'node:fs';
import path from 'node:path';
import { CONSOLE_DIST } from '../../src/server/console-route';
import { startTestGateway, type TestGateway } from '../support/gateway-harness';

/** The console as `npm run build` (pretest) left it in dist/console. */
function builtAsset(extension: string): string {
  const name = readdirSync(path.join(CONSOLE_DIST, 'assets')).find((file) => file.endsWith(extension));
  if (!name) throw new Error(`no ${extension} in ${CONSOLE_DIST}/assets: run npm run build`);
  return `/console/assets/${name}`;
}

describe('the console served by the gateway', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  const get = (urlPath: string, headers: Record<string, string> = {}) => fetch(new URL(urlPath, t.gateway.url), { headers });

  it('serves its page at /console without credentials, revalidated on every load, with a CSP that allows only its own origin', async () => {
    const response = await get('/console');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await response.text();
    expect(html).toContain('<div id="app">');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('answers a deep link with the same page, so a reload of any console URL works', async () => {
    const root = await (await get('/console')).text();
    for (const deep of ['/console/accounts/444444444444', '/console/audit/2b8f0c7e-1111-4f5e-9a6b-000000000000', '/console/org/']) {
      const response = await get(deep);
      expect({ deep, status: response.status, body: await response.text() }).toEqual({ deep, status: 200, body: root });
    }
  });

  it('serves the hashed scripts and styles the page names, cached for a year as immutable', async () => {
    const html = await (await get('/console')).text();
    for (const asset of [builtAsset('.js'), builtAsset('.css')]) {
      expect(html).toContain(asset);
      const response = await get(asset);
      expect({ asset, status: response.status }).toEqual({ asset, status: 200 });
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      await response.arrayBuffer();
    }
  });

  it('sends the script gzipped to a client that accepts it, and as it is to one that does not', async () => {
    const script = builtAsset('.js');
    const plain = await get(script, { 'accept-encoding': 'identity' });
    const body = Buffer.from(await plain.arrayBuffer());
    expect(plain.headers.get('content-encoding')).toBeNull();
    // fetch decodes gzip itself: the bytes must come out the same, and the header says they were compressed.
    const zipped = await get(script, { 'accept-encoding': 'gzip, deflate' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toContain('accept-encoding');
    expect(Buffer.from(await zipped.arrayBuffer()).equals(body)).toBe(true);
  });

  it('answers 404 for an asset that does not exist instead of the page', async () => {
    const response = await get('/console/assets/missing-0000.js');
    expect(response.status).toBe(404);
    await response.arrayBuffer();
  });

  it('still refuses every other path without a key', async () => {
    const response = await get('/consoles');
    expect(response.status).toBe(401);
    await response.arrayBuffer();
  });
});
