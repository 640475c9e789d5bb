import type { Page } from 'playwright-core';
import { startConsoleUnderTest, type ConsoleUnderTest } from './support/console-under-test';
import { SUITE_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts';
import { until } from './support/until';

jest.setTimeout(TEST_TIMEOUT_MS);

/** Issue 13, item 6: compose a change, see its impact per account, apply it (editor), find it in the timeline. */
const EVENTS = `query ($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 50) { totalCount edges { node { id actor { id displayName } } } } }`;
const ATTACHED_TO = `query { organizationalUnit(id: "ou-demo-sandboxes") { policies(type: AISERVICES_OPT_OUT_POLICY) { policy { id } } } }`;

interface Change {
  readonly change: 'Attach' | 'Detach';
  readonly policy: string;
  readonly target: string;
}

/** Chooses the AI opt-out type once the page has settled on its default type (choosing a type starts a new form). */
async function chooseType(page: Page): Promise<void> {
  const type = page.getByLabel('Policy type', { exact: true });
  await until(
    'the default policy type',
    () => type.inputValue(),
    (value) => value !== '',
  );
  await type.selectOption('AISERVICES_OPT_OUT_POLICY');
}

/** Fills the change form and asks for the preview; resolves once the impact is shown. */
async function preview(page: Page, { change, policy, target }: Change): Promise<void> {
  await chooseType(page);
  await page.getByLabel('Change', { exact: true }).selectOption({ label: change });
  await page.getByLabel('Policy', { exact: true }).selectOption({ label: policy });
  await page.getByLabel('Target', { exact: true }).selectOption({ label: target });
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await page.getByRole('region', { name: 'Impact', exact: true }).getByRole('table', { name: 'Accounts affected' }).waitFor();
}

const ATTACH_REKOGNITION: Change = { change: 'Attach', policy: 'AllowRekognitionOptIn (p-rekognitionin)', target: 'Sandboxes (ou-demo-sandboxes)' };
const DETACH_LEX_OPT_IN: Change = { change: 'Detach', policy: 'AllowLexOptIn (p-allowlexoptin)', target: 'ML Platform (ou-demo-mlplatform)' };

describe('Preview and apply', () => {
  let ui: ConsoleUnderTest;
  const eventsOf = async (filter: Record<string, unknown>) => (await ui.gateway.data(EVENTS, { filter })).auditEvents;
  const countEvents = async (filter: Record<string, unknown>) => (await eventsOf(filter)).totalCount as number;
  beforeAll(async () => {
    ui = await startConsoleUnderTest('preview-and-apply');
  }, SUITE_TIMEOUT_MS);
  afterEach(() => expect(ui?.takeErrors() ?? []).toEqual([]));
  afterAll(() => ui?.close());

  it('lets a viewer preview a change but shows no Apply button', async () => {
    const tab = await ui.signedIn('viewer');
    const { page } = tab;
    await tab.load('preview', '/console/preview', () => page.getByLabel('Policy type', { exact: true }));
    await page.getByText('Your role (viewer) can preview but not apply changes.').waitFor();
    await preview(page, ATTACH_REKOGNITION);
    await page.getByRole('table', { name: 'Accounts affected' }).getByRole('row').filter({ hasText: 'Sandbox Alice' }).waitFor();
    expect(await page.getByRole('button', { name: 'Apply', exact: true }).count()).toBe(0);
    await tab.check('preview-viewer');
  });

  it('previews an updated document: only the accounts it changes, and for an invalid one its problems', async () => {
    const editor = await ui.signedIn('editor');
    const { page } = editor;
    await editor.load('preview', '/console/preview', () => page.getByLabel('Policy type', { exact: true }));
    await chooseType(page);
    await page.getByLabel('Change', { exact: true }).selectOption({ label: 'Update document' });
    await page.getByLabel('Policy', { exact: true }).selectOption('p-allowlexoptin');
    // The form starts from the policy's current document; edit it once it is there.
    await until(
      'the current document in the form',
      () => page.getByLabel('Policy document', { exact: true }).inputValue(),
      (text) => text.includes('"lex"'),
    );
    const optIn = { opt_out_policy: { '@@assign': 'optIn' } };
    await page.getByLabel('Policy document', { exact: true }).fill(JSON.stringify({ services: { lex: optIn, polly: optIn } }));
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const affected = page.getByRole('table', { name: 'Accounts affected' }).locator('tr[data-account-id]');
    await affected.filter({ hasText: 'polly' }).first().waitFor();
    const accounts = await affected.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-account-id')));
    expect(accounts.sort()).toEqual(['888888888888', '999999999999']);

    await page.getByLabel('Policy document', { exact: true }).fill(JSON.stringify({ services: { lex: { opt_out_policy: { '@@assign': 'maybe' } } } }));
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'maybe' })
      .or(page.getByRole('alert').filter({ hasText: 'opt_out_policy' }))
      .first()
      .waitFor();
    expect(await countEvents({ operation: 'updatePolicy' })).toBe(0);
  });

  it("shows an editor the change's impact per account before sending anything, applies it, and the timeline lists it", async () => {
    const editor = await ui.signedIn('editor');
    const { page } = editor;
    await editor.load('preview', '/console/preview', () => page.getByLabel('Policy type', { exact: true }));
    await preview(page, ATTACH_REKOGNITION);
    const affected = page.getByRole('table', { name: 'Accounts affected' });
    for (const account of ['Sandbox Alice', 'Sandbox Bob']) await affected.getByRole('row').filter({ hasText: account }).waitFor();
    expect(await affected.getByRole('row').filter({ hasText: 'rekognition' }).count()).toBeGreaterThan(0);
    expect(await countEvents({ operation: 'attachPolicy' })).toBe(0);
    await editor.check('preview-impact');

    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Applied/ })
      .waitFor();
    // The editor may not open the change history: the event is named by id, not linked.
    await page
      .getByRole('status')
      .filter({ hasText: /\(audit event [0-9a-f-]{36}\)/ })
      .waitFor();
    expect(await page.getByRole('link', { name: 'View audit event' }).count()).toBe(0);
    const attached = (await ui.gateway.data(ATTACHED_TO)).organizationalUnit.policies.map((p: any) => p.policy.id);
    expect(attached).toContain('p-rekognitionin');
    const { edges } = await eventsOf({ operation: 'attachPolicy', kind: 'RESULT', outcome: 'SUCCEEDED' });
    expect(edges).toHaveLength(1);
    const { id, actor } = edges[0].node;
    expect(actor.displayName).toBe('console-editor');

    // The editor may not read the change history: an auditor signs in on the same tab and finds the change.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await editor.signIn(ui.keys.auditor);
    await editor.load('change-history', '/console/audit?operation=attachPolicy', () => page.getByRole('table', { name: 'Audit events' }));
    const row = page.getByRole('table', { name: 'Audit events' }).locator(`tr[data-event-id="${id}"]`);
    await row.filter({ hasText: 'ou-demo-sandboxes' }).filter({ hasText: 'SUCCEEDED' }).waitFor();
    expect(await row.textContent()).toMatch(new RegExp(`console-editor|${actor.id}`));
  });

  it('asks for the acknowledgement before applying a change that deletes stored AI content, and applies it once given', async () => {
    const editor = await ui.signedIn('editor');
    const { page } = editor;
    await page.goto(ui.url('/console/preview'));
    await preview(page, DETACH_LEX_OPT_IN);
    const deletes = page.getByTestId('deletes-content');
    await deletes.first().waitFor();
    expect(await deletes.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Deletes stored AI content: lex')]));
    const apply = page.getByRole('button', { name: 'Apply', exact: true });
    expect(await apply.isDisabled()).toBe(true);
    await page.getByLabel('I acknowledge that this change deletes stored AI content in all Regions', { exact: true }).check();
    await until('the Apply button to be enabled', () => apply.isEnabled());
    await apply.click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Applied/ })
      .waitFor();
    expect(await countEvents({ operation: 'detachPolicy', kind: 'RESULT', outcome: 'SUCCEEDED' })).toBe(1);
    await editor.check('preview-acknowledged');
  });

  it('leads an admin from the applied change to its audit event', async () => {
    const admin = await ui.signedIn('admin');
    const { page } = admin;
    await page.goto(ui.url('/console/preview'));
    await preview(page, { change: 'Attach', policy: 'AllowLexOptIn (p-allowlexoptin)', target: 'ML Platform (ou-demo-mlplatform)' });
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const link = page.getByRole('status').getByRole('link', { name: 'View audit event' });
    await admin.follow('audit-event-applied', link, () => page.getByRole('heading', { level: 1, name: 'Audit event' }));
    await page.getByRole('region', { name: 'Request parameters', exact: true }).getByText('ou-demo-mlplatform').first().waitFor();
    expect(page.url()).toMatch(/\/console\/audit\/[0-9a-f-]{36}$/);
  });
});
