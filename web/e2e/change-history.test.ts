import { readFileSync } from 'node:fs';
import { OrganizationsClient, TagResourceCommand } from '@aws-sdk/client-organizations';
import type { Page } from 'playwright-core';
import { startConsoleUnderTest, type ConsolePage, type ConsoleUnderTest } from './support/console-under-test';
import { SUITE_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts';
import { until } from './support/until';

jest.setTimeout(TEST_TIMEOUT_MS);

/** Issue 13, item 5: the timeline of three changes, one made outside orgql, and one event's page. */
const ATTACH = `mutation { attachPolicy(policyId: "p-rekognitionin", targetId: "ou-demo-sandboxes") { auditEventId } }`;
const UPDATE = `mutation ($input: UpdatePolicyInput!) { updatePolicy(input: $input) { auditEventId } }`;
const EVENTS = `query ($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 200) { totalCount edges { node { id sequence kind } } } }`;
const VERIFY = `query { verifyAuditChain { ok checkedRows } }`;
const LEX_AND_TRANSLATE_IN = { services: { lex: { opt_out_policy: { '@@assign': 'optIn' } }, translate: { opt_out_policy: { '@@assign': 'optIn' } } } };

const table = (page: Page) => page.getByRole('table', { name: 'Audit events' });
const eventRows = (page: Page) => table(page).locator('tr[data-event-id]');
/** The What cell of each row shown: a link to the event's page named by the operation. */
const whatLinks = (page: Page) => eventRows(page).locator('a[href*="/console/audit/"]').allTextContents();

describe('The change history', () => {
  let ui: ConsoleUnderTest;
  let tab: ConsolePage;
  const events = async (filter: Record<string, unknown> = {}) =>
    (await ui.gateway.data(EVENTS, { filter })).auditEvents.edges.map((edge: any) => edge.node) as Array<{ id: string; sequence: string; kind: string }>;

  beforeAll(async () => {
    ui = await startConsoleUnderTest('change-history');
    await ui.gateway.data(ATTACH);
    await ui.gateway.data(UPDATE, { input: { id: 'p-allowlexoptin', content: LEX_AND_TRANSLATE_IN } });
    // A change made with the SDK straight at the emulator: orgql hears of it and records it as out of band.
    const outside = new OrganizationsClient({
      endpoint: ui.gateway.gateway.emulatorUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAE2EOUTSIDE000001', secretAccessKey: 'secret' },
    });
    await outside.send(new TagResourceCommand({ ResourceId: '101010101010', Tags: [{ Key: 'team', Value: 'alice' }] }));
    outside.destroy();
    await until(
      'the out-of-band record',
      () => events({ origin: 'OUT_OF_BAND' }),
      (found) => found.length > 0,
    );
    tab = await ui.signedIn('auditor');
  }, SUITE_TIMEOUT_MS);
  afterEach(() => expect(ui?.takeErrors() ?? []).toEqual([]));
  afterAll(() => ui?.close());

  it('lists every event newest first, with outcome and kind badges, and makes out-of-band changes stand out', async () => {
    const { page } = tab;
    await tab.load('change-history', '/console/audit', () => eventRows(page).first());
    await page.getByRole('heading', { level: 1, name: 'Change history' }).waitFor();
    const newestFirst = (await events()).sort((a, b) => Number(BigInt(b.sequence) - BigInt(a.sequence))).map((event) => event.id);
    await until(
      `all ${newestFirst.length} events in the table`,
      () => eventRows(page).count(),
      (count) => count === newestFirst.length,
    );
    expect(await eventRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-event-id')))).toEqual(newestFirst);

    const outOfBand = table(page).locator('tr[data-origin="OUT_OF_BAND"]');
    expect(await outOfBand.count()).toBeGreaterThan(0);
    expect(await outOfBand.first().textContent()).toContain('Out of band');
    const attached = eventRows(page).filter({ has: page.getByRole('link', { name: 'attachPolicy' }) });
    expect(await attached.filter({ hasText: 'RESULT' }).filter({ hasText: 'SUCCEEDED' }).count()).toBe(1);
    await tab.check('change-history');
  });

  it('filters by operation and target, keeps the filters in the address, and clears them', async () => {
    const { page } = tab;
    const filters = page.getByRole('form', { name: 'Filters' });
    await filters.getByLabel('Operation', { exact: true }).fill('attachPolicy');
    await filters.getByLabel('Target id', { exact: true }).fill('ou-demo-sandboxes');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/operation=attachPolicy/);
    const expected = await events({ operation: 'attachPolicy', targetId: 'ou-demo-sandboxes' });
    await until(
      'only the attachPolicy events',
      () => whatLinks(page),
      (links) => links.length === expected.length && links.every((name) => name === 'attachPolicy'),
    );
    expect(decodeURIComponent(new URL(page.url()).search)).toContain('ou-demo-sandboxes');

    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await filters.getByLabel('Origin', { exact: true }).selectOption({ label: 'Out of band' });
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    const outOfBand = await events({ origin: 'OUT_OF_BAND' });
    const origins = () => eventRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-origin')));
    await until('only the out-of-band events', origins, (seen) => seen.length === outOfBand.length && seen.every((origin) => origin === 'OUT_OF_BAND'));
  });

  it('opens the filtered view from its address and exports it as CSV', async () => {
    const { page } = tab;
    await tab.load('change-history-filtered', '/console/audit?operation=updatePolicy', () => eventRows(page).first());
    expect(await page.getByRole('form', { name: 'Filters' }).getByLabel('Operation', { exact: true }).inputValue()).toBe('updatePolicy');
    expect(new Set(await whatLinks(page))).toEqual(new Set(['updatePolicy']));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('updatePolicy');
    expect(csv).not.toContain('attachPolicy');
  });

  it('opens an event: its parameters, its state before and after and the effective policies as diffs, its intent and its place in the chain', async () => {
    const { page } = tab;
    const [result] = await events({ operation: 'attachPolicy', kind: 'RESULT' });
    await tab.load('change-history-attach', '/console/audit?operation=attachPolicy', () => eventRows(page).first());
    const link = table(page).locator(`tr[data-event-id="${result!.id}"]`).getByRole('link', { name: 'attachPolicy' });
    const region = (name: string) => page.getByRole('region', { name, exact: true });
    await tab.follow('audit-event', link, () => region('State before and after').locator('.diff-add').first());
    expect(new URL(page.url()).pathname).toBe(`/console/audit/${result!.id}`);
    await page.getByRole('heading', { level: 1, name: 'Audit event' }).waitFor();
    expect(await region('Request parameters').textContent()).toContain('ou-demo-sandboxes');
    expect((await region('State before and after').locator('.diff-add').allTextContents()).join('\n')).toContain('p-rekognitionin');
    await region('Effective policy changes').locator('.diff-add').filter({ hasText: 'rekognition' }).first().waitFor();
    await region('Intent and result').getByRole('link', { name: 'Intent' }).waitFor();
    await region('Chain position').getByText(`Sequence ${result!.sequence}`).waitFor();
    await tab.check('audit-event');
  });

  it('verifies the chain on request and says how many rows it checked', async () => {
    const { page } = tab;
    const { verifyAuditChain } = await ui.gateway.data(VERIFY);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Chain verified: ${verifyAuditChain.checkedRows} rows checked` })
      .waitFor();
  });

  it("shows a policy's version history and the diff between two versions to a role that may read both", async () => {
    const admin = await ui.signedIn('admin');
    const { page } = admin;
    const history = page.getByRole('region', { name: 'Version history', exact: true });
    await admin.load('policy-history', '/console/policies/p-allowlexoptin', () => history.getByRole('table', { name: 'Versions' }).getByRole('row').nth(1));
    await history.getByLabel('From version', { exact: true }).selectOption('0');
    await history.getByLabel('To version', { exact: true }).selectOption('1');
    const diff = page.getByRole('region', { name: 'Version diff', exact: true });
    await diff.locator('.diff-add').filter({ hasText: 'translate' }).first().waitFor();
    expect((await diff.locator('.diff-add').first().textContent())?.startsWith('+ ')).toBe(true);
    await admin.check('policy-history');
  });

  it('names the first broken row when verifying after a row was edited in SQL', async () => {
    const { page } = tab;
    const [result] = await events({ operation: 'attachPolicy', kind: 'RESULT' });
    // As a superuser could: switch the append-only trigger off, then rewrite history.
    const { prisma } = ui.gateway.gateway.database;
    await prisma.$executeRawUnsafe('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
    await prisma.$executeRawUnsafe(`UPDATE audit_event SET error_message = 'nothing to see' WHERE sequence = ${BigInt(result!.sequence)}`);
    await tab.load('audit-event-tampered', `/console/audit/${result!.id}`, () => page.getByRole('button', { name: 'Verify chain' }));
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Chain broken at sequence ${result!.sequence}: HASH_MISMATCH` })
      .waitFor();
  });
});
