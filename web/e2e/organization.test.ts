import type { Page } from 'playwright-core';
import { startConsoleUnderTest, type ConsolePage, type ConsoleUnderTest } from './support/console-under-test';
import { SUITE_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts';
import { until } from './support/until';

jest.setTimeout(TEST_TIMEOUT_MS);

/** Issue 13, item 2: the tree of the demo organization (src/emulator/seed/demo-seed.ts), its policies and AI opt-out posture. */
const treeOf = (page: Page) => page.getByRole('tree', { name: 'Organization tree' });
/** A treeitem by its node's id (its accessible name is its whole row: name, id, policies, posture). */
const node = (page: Page, id: string) => treeOf(page).locator(`[role="treeitem"][data-node-id="${id}"]`);
/** The node's own row, without its children. */
const row = (page: Page, id: string) => node(page, id).locator(':scope > .tree-row');
const ids = { root: 'r-demo', workloads: 'ou-demo-workloads', production: 'ou-demo-production', development: 'ou-demo-development' } as const;

describe('The organization page', () => {
  let ui: ConsoleUnderTest;
  let tab: ConsolePage;
  beforeAll(async () => {
    ui = await startConsoleUnderTest('organization');
    tab = await ui.signedIn('viewer');
    await tab.load('organization', '/console/org', (page) => node(page, ids.root));
  }, SUITE_TIMEOUT_MS);
  afterEach(() => expect(ui?.takeErrors() ?? []).toEqual([]));
  afterAll(() => ui?.close());

  it('starts with the root open and its OUs closed, and passes the accessibility check', async () => {
    const { page } = tab;
    await page.getByRole('heading', { level: 1, name: 'Organization' }).waitFor();
    await node(page, ids.workloads).waitFor();
    expect(await node(page, ids.root).getAttribute('aria-expanded')).toBe('true');
    expect(await node(page, ids.workloads).getAttribute('aria-expanded')).toBe('false');
    expect(await node(page, '111111111111').isVisible()).toBe(true);
    expect(
      await treeOf(page)
        .getByRole('treeitem', { name: /^Workloads ou-demo-workloads/ })
        .count(),
    ).toBe(1);
    expect(await node(page, ids.production).count()).toBe(0);
    await tab.check('organization');
  });

  it('expands and collapses an OU with its chevron and with the keyboard', async () => {
    const { page } = tab;
    await page.getByTestId(`toggle-${ids.workloads}`).click();
    await node(page, ids.production).waitFor();
    expect(await node(page, ids.workloads).getAttribute('aria-expanded')).toBe('true');

    await node(page, ids.production).focus();
    await page.keyboard.press('ArrowRight');
    await node(page, '444444444444').waitFor();
    await page.keyboard.press('ArrowLeft');
    await node(page, '444444444444').waitFor({ state: 'hidden' });

    await page.getByTestId(`toggle-${ids.workloads}`).click();
    await node(page, ids.production).waitFor({ state: 'hidden' });
    expect(await node(page, ids.workloads).getAttribute('aria-expanded')).toBe('false');
  });

  it('searches by id and by name, showing the matches with their ancestors and hiding the rest', async () => {
    const { page } = tab;
    const search = page.getByRole('searchbox', { name: 'Search by name or id' });
    await search.fill('777777777777');
    await node(page, '777777777777').waitFor();
    await page.getByRole('status').filter({ hasText: '1 matching' }).waitFor();
    expect(await node(page, ids.development).getAttribute('aria-expanded')).toBe('true');
    expect(await node(page, '666666666666').isVisible()).toBe(false);

    await search.fill('Payments');
    await node(page, '555555555555').waitFor();
    await page.getByRole('status').filter({ hasText: '2 matching' }).waitFor();
    await node(page, '777777777777').waitFor({ state: 'hidden' });

    await search.fill('no such node');
    await page.getByRole('status').filter({ hasText: 'No node matches' }).waitFor();
    await search.fill('');
  });

  it("lists each node's attached policies", async () => {
    const { page } = tab;
    await page.getByRole('searchbox', { name: 'Search by name or id' }).fill('Web Prod');
    await node(page, '444444444444').waitFor();
    const attached = (id: string) => row(page, id).getByTestId('attached-policies');
    await attached(ids.root).getByRole('link', { name: 'OptOutAllByDefault' }).waitFor();
    const link = attached(ids.workloads).getByRole('link', { name: 'LockComprehendOptOut' });
    await link.waitFor();
    expect(await attached(ids.production).count()).toBe(0);
    expect(new URL(await link.evaluate((a) => (a as any).href)).pathname).toBe('/console/policies/p-lockcomprehend');
  });

  it("shows each account's AI opt-out posture per service, with the locks", async () => {
    const { page } = tab;
    const chip = (account: string, service: string) =>
      row(page, account)
        .getByTestId('posture-chip')
        .and(page.locator(`[data-service="${service}"]`));

    await page.getByRole('searchbox', { name: 'Search by name or id' }).fill('Web Prod');
    await chip('444444444444', 'comprehend').waitFor();
    expect(await chip('444444444444', 'comprehend').textContent()).toBe('comprehend: opted out (locked)');
    expect(await chip('444444444444', 'comprehend').getAttribute('data-locked')).toBe('true');
    expect(await chip('444444444444', 'default').textContent()).toBe('default: opted out');
    // One chip per service the report lists, those that only follow `default` included.
    expect(await chip('444444444444', 'lex').textContent()).toBe('lex: opted out');
    expect(await chip('444444444444', 'lex').getAttribute('title')).toMatch(/\(as default\)$/);
    const services = (await ui.gateway.data('{ aiOptOutPosture { services } }')).aiOptOutPosture.services as string[];
    expect(await row(page, '444444444444').getByTestId('posture-chip').count()).toBe(services.length);

    await page.getByRole('searchbox', { name: 'Search by name or id' }).fill('ML Research');
    await chip('888888888888', 'lex').waitFor();
    expect(await chip('888888888888', 'lex').textContent()).toBe('lex: opted in');
    expect(await chip('888888888888', 'lex').getAttribute('data-setting')).toBe('OPT_IN');
    expect(await chip('888888888888', 'comprehend').getAttribute('data-locked')).toBe('true');
    await tab.check('organization-posture');
  });

  it("moves through the tree with the arrow, Home and End keys, and Enter opens the focused node's page", async () => {
    const { page } = tab;
    const focusedId = () => page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('data-node-id') as string | null);
    const focusOn = (id: string) => until(`the focus on ${id}`, focusedId, (seen) => seen === id);
    await tab.load('organization', '/console/org', () => node(page, '111111111111'));
    await node(page, ids.root).focus();
    await page.keyboard.press('End');
    await focusOn('111111111111');
    await page.keyboard.press('Home');
    await focusOn(ids.root);
    await page.keyboard.press('ArrowDown');
    await focusOn('ou-demo-security');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Security' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/ous/ou-demo-security');
  });
});
