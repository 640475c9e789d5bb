import { startConsoleUnderTest, type ConsolePage, type ConsoleUnderTest } from './support/console-under-test';
import { SUITE_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts';
import { until } from './support/until';

jest.setTimeout(TEST_TIMEOUT_MS);

/** Issue 13, item 1: an API key, kept in sessionStorage only; signing out forgets it. */
const STORAGE_KEY = 'orgql.console.credential';
const storageOf = (area: 'sessionStorage' | 'localStorage') => `JSON.stringify({ ...globalThis.${area} })`;

describe('Signing in to the console', () => {
  let ui: ConsoleUnderTest;
  beforeAll(async () => {
    ui = await startConsoleUnderTest('sign-in');
  }, SUITE_TIMEOUT_MS);
  afterEach(() => expect(ui?.takeErrors() ?? []).toEqual([]));
  afterAll(() => ui?.close());

  it('shows the sign-in form on any route and, once signed in, that same route', async () => {
    const tab = await ui.newPage();
    const { page } = tab;
    await tab.load('sign-in', '/console/org', () => page.getByLabel('API key', { exact: true }));
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await tab.check('sign-in');

    await tab.signIn(ui.keys.viewer);
    await page.getByRole('heading', { level: 1, name: 'Organization' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/org');
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('Signed in as console-viewer (viewer)');
    expect(tab.errors).toEqual([]);
  });

  it('keeps the API key in sessionStorage only (a reload stays signed in), never in an address, a cookie or localStorage', async () => {
    const tab = await ui.newPage();
    const { page } = tab;
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(ui.url('/console'));
    await tab.signIn(ui.keys.editor);

    expect(await page.evaluate((key) => (globalThis as any).sessionStorage.getItem(key), STORAGE_KEY)).toBe(ui.keys.editor);
    expect(await page.evaluate(storageOf('localStorage'))).not.toContain(ui.keys.editor);
    expect(JSON.stringify(await tab.context.cookies())).not.toContain(ui.keys.editor);
    expect(requested.filter((address) => address.includes(ui.keys.editor))).toEqual([]);
    expect(page.url()).not.toContain(ui.keys.editor);

    await page.reload();
    await page.getByTestId('signed-in-as').filter({ hasText: '(editor)' }).waitFor();
  });

  it('forgets the key on sign-out: the form comes back and a reload stays signed out', async () => {
    const tab = await ui.signedIn('auditor');
    const { page } = tab;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key', { exact: true }).waitFor();
    expect(await page.evaluate(storageOf('sessionStorage'))).not.toContain(ui.keys.auditor);

    await page.reload();
    await page.getByLabel('API key', { exact: true }).waitFor();
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    expect(tab.errors).toEqual([]);
  });

  it('refuses a key the gateway does not know and keeps the form', async () => {
    const tab = await ui.newPage();
    const { page } = tab;
    await page.goto(ui.url('/console'));
    await page.getByLabel('API key', { exact: true }).fill('orgql_notakey_0000000000000000');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'refused' }).waitFor();
    expect(await page.getByLabel('API key', { exact: true }).isVisible()).toBe(true);
    expect(await page.evaluate(storageOf('sessionStorage'))).not.toContain('orgql_notakey');
    // Chromium itself logs the refused request (401) as a console error; nothing else may be logged.
    expect(tab.errors.splice(0).filter((error) => !error.includes('status of 401'))).toEqual([]);
  });

  it('lets the keyboard skip to the content: "Skip to content" is the first stop and focuses the main landmark', async () => {
    const tab = await ui.signedIn('viewer');
    const { page } = tab;
    const focused = () =>
      page.evaluate(() => {
        const element = (globalThis as any).document.activeElement;
        return { id: String(element?.id ?? ''), text: String(element?.textContent ?? '').trim() };
      });
    await tab.load('organization', '/console/org', () => page.getByRole('tree', { name: 'Organization tree' }));
    await page.evaluate(() => (globalThis as any).document.activeElement?.blur());
    await page.keyboard.press('Tab');
    expect((await focused()).text).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await until('the main landmark to have the focus', focused, (element) => element.id === 'main');
  });

  it('shows each role only the pages it may use, and says why a page is closed to it', async () => {
    const navLinks = (tab: ConsolePage) => tab.page.getByRole('navigation', { name: 'Console' }).getByRole('link').allTextContents();
    const viewer = await ui.signedIn('viewer');
    await viewer.page.goto(ui.url('/console/org'));
    await viewer.page.getByRole('heading', { level: 1, name: 'Organization' }).waitFor();
    expect(await navLinks(viewer)).toEqual(['Organization', 'Preview and apply']);
    await viewer.page.goto(ui.url('/console/audit'));
    await viewer.page.getByRole('alert').filter({ hasText: 'Your role (viewer)' }).waitFor();

    const auditor = await ui.signedIn('auditor');
    await auditor.page.goto(ui.url('/console/audit'));
    await auditor.page.getByRole('heading', { level: 1, name: 'Change history' }).waitFor();
    expect(await navLinks(auditor)).toEqual(['Change history']);
    await auditor.page.goto(ui.url('/console/org'));
    await auditor.page.getByRole('alert').filter({ hasText: 'Your role (auditor)' }).waitFor();
  });

  it('opens, after signing in at /console, the first page the role may use', async () => {
    for (const [role, heading, path] of [
      ['viewer', 'Organization', '/console/org'],
      ['auditor', 'Change history', '/console/audit'],
    ] as const) {
      const tab = await ui.signedIn(role);
      await tab.page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(new URL(tab.page.url()).pathname).toBe(path);
    }
  });
});
