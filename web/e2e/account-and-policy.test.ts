import type { Locator } from 'playwright-core';
import { startConsoleUnderTest, type ConsolePage, type ConsoleUnderTest } from './support/console-under-test';
import { SUITE_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts';

jest.setTimeout(TEST_TIMEOUT_MS);

/** Issue 13, items 3 and 4, on the demo organization plus one policy that tries to undo Workloads' Comprehend lock. */
const CREATE = `mutation ($input: CreatePolicyInput!) { createPolicy(input: $input) { policy { id } } }`;
const ATTACH = `mutation ($policyId: ID!, $targetId: ID!) { attachPolicy(policyId: $policyId, targetId: $targetId) { auditEventId } }`;

/** Those of the elements that hold every one of the texts. */
const holding = (elements: Locator, ...texts: string[]) => texts.reduce((found, text) => found.filter({ hasText: text }), elements);
/** The rows of a table (or region) that hold every one of the texts. */
const rowWith = (table: Locator, ...texts: string[]) => holding(table.getByRole('row'), ...texts);

describe("An account's, an OU's and a policy's pages", () => {
  let ui: ConsoleUnderTest;
  let tab: ConsolePage;
  beforeAll(async () => {
    ui = await startConsoleUnderTest('account-and-policy');
    const content = { services: { comprehend: { opt_out_policy: { '@@assign': 'optIn' } } } };
    const input = { name: 'ComprehendOptInAttempt', type: 'AISERVICES_OPT_OUT_POLICY', content };
    const { createPolicy } = await ui.gateway.data(CREATE, { input });
    await ui.gateway.data(ATTACH, { policyId: createPolicy.policy.id, targetId: 'ou-demo-production' });
    // A second enabled type, so the account shows an effective policy per type.
    await ui.gateway.data(`mutation { enablePolicyType(rootId: "r-demo", type: TAG_POLICY) { auditEventId } }`);
    const tagPolicy = { name: 'CostCenterTag', type: 'TAG_POLICY', content: { tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' } } } } };
    const created = await ui.gateway.data(CREATE, { input: tagPolicy });
    await ui.gateway.data(ATTACH, { policyId: created.createPolicy.policy.id, targetId: 'r-demo' });
    tab = await ui.signedIn('viewer');
  }, SUITE_TIMEOUT_MS);
  afterEach(() => expect(ui?.takeErrors() ?? []).toEqual([]));
  afterAll(() => ui?.close());

  it('opens an account from the tree and shows its path, tags and policies, attached and inherited', async () => {
    const { page } = tab;
    await tab.load('organization', '/console/org', () => page.getByRole('searchbox', { name: 'Search by name or id' }));
    await page.getByRole('searchbox', { name: 'Search by name or id' }).fill('Web Prod');
    const link = page.getByRole('tree', { name: 'Organization tree' }).getByRole('link', { name: 'Web Prod', exact: true });
    await tab.follow('account', link, () => page.getByRole('heading', { level: 1, name: 'Web Prod' }));
    expect(new URL(page.url()).pathname).toBe('/console/accounts/444444444444');

    const path = page.getByRole('navigation', { name: 'Path' }).getByRole('link');
    await path.filter({ hasText: 'Production' }).waitFor();
    expect(await path.allTextContents()).toEqual(['Root', 'Workloads', 'Production']);
    await rowWith(page.getByRole('region', { name: 'Tags', exact: true }), 'env', 'prod').waitFor();
    const policies = page.getByRole('region', { name: 'Policies', exact: true });
    await rowWith(policies, 'LockComprehendOptOut', 'Workloads', 'inherited').waitFor();
    await rowWith(policies, 'OptOutAllByDefault', 'Root', 'inherited').waitFor();
  });

  it('shows the effective policy of each enabled type with the policy and node that set each value, and what the lock overruled', async () => {
    const { page } = tab;
    await tab.load('account', '/console/accounts/444444444444', () =>
      page.getByRole('region', { name: 'Effective AISERVICES_OPT_OUT_POLICY', exact: true }).getByRole('table', { name: 'Provenance' }),
    );
    const effective = page.getByRole('region', { name: 'Effective AISERVICES_OPT_OUT_POLICY', exact: true });
    await effective.locator('pre').filter({ hasText: 'comprehend' }).waitFor();
    const provenance = effective.getByRole('table', { name: 'Provenance' });
    await rowWith(provenance, 'comprehend', 'optOut', 'LockComprehendOptOut', 'Workloads').waitFor();
    await rowWith(provenance, 'default', 'optOut', 'OptOutAllByDefault', 'Root').waitFor();
    const ignored = effective.getByRole('table', { name: 'Ignored changes' }).locator('tr[data-kind="LOCKED_BY_PARENT"]');
    await holding(ignored, 'comprehend', 'optIn', 'ComprehendOptInAttempt', 'Production', 'LockComprehendOptOut', 'Workloads').waitFor();

    const chip = page
      .getByRole('region', { name: 'AI opt-out posture', exact: true })
      .getByTestId('posture-chip')
      .and(page.locator('[data-service="comprehend"]'));
    expect(await chip.textContent()).toBe('comprehend: opted out (locked)');
    const tags = page.getByRole('region', { name: 'Effective TAG_POLICY', exact: true });
    await rowWith(tags.getByRole('table', { name: 'Provenance' }), 'costcenter', 'CostCenter', 'CostCenterTag', 'Root').waitFor();
    await tab.check('account');
  });

  it("shows an OU's tags, its policies, its children and the AI opt-out posture of the accounts below it", async () => {
    const { page } = tab;
    const children = () => page.getByRole('region', { name: 'Children', exact: true });
    await tab.load('organizational-unit', '/console/ous/ou-demo-workloads', () => children().getByRole('link', { name: 'ML Platform' }));
    await page.getByRole('heading', { level: 1, name: 'Workloads' }).waitFor();
    for (const name of ['Production', 'Development']) await children().getByRole('link', { name, exact: true }).waitFor();
    await rowWith(page.getByRole('region', { name: 'Tags', exact: true }), 'cost-center', 'cc-1000').waitFor();
    await rowWith(page.getByRole('region', { name: 'Policies', exact: true }), 'LockComprehendOptOut', 'attached here').waitFor();
    await rowWith(page.getByRole('region', { name: 'Policies', exact: true }), 'OptOutAllByDefault', 'inherited').waitFor();
    const posture = page.getByRole('region', { name: 'AI opt-out posture', exact: true });
    const cells = async (service: string) => {
      const row = posture
        .getByRole('table', { name: 'Accounts below, per service' })
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: service, exact: true }) });
      return (await row.getByRole('cell').allTextContents()).map((cell) => cell.trim());
    };
    // Six accounts below Workloads, all opted out by default; Lex opted back in for the two in ML Platform.
    await posture.getByRole('cell', { name: 'lex', exact: true }).waitFor();
    expect(await cells('default')).toEqual(['default', '6', '0', '0']);
    expect(await cells('lex')).toEqual(['lex', '4', '2', '0']);
    await posture.getByText(/^\d+ more services are counted as default is\.$/).waitFor();
    await tab.check('organizational-unit');
  });

  it("shows a policy's document highlighted and its targets, and tells a viewer the history is not theirs to read", async () => {
    const { page } = tab;
    const document = () => page.getByRole('region', { name: 'Document', exact: true });
    await tab.load('policy', '/console/policies/p-lockcomprehend', () => document().locator('pre .tok-key').first());
    await page.getByRole('heading', { level: 1, name: 'LockComprehendOptOut' }).waitFor();
    expect(await document().locator('.tok-key').allTextContents()).toEqual(expect.arrayContaining(['"comprehend"', '"@@assign"']));
    expect(await document().locator('.tok-string').allTextContents()).toContain('"optOut"');
    await page.getByRole('region', { name: 'Targets', exact: true }).getByRole('link', { name: 'Workloads' }).waitFor();
    await page.getByText('Your role cannot read the version history.').waitFor();
    await tab.check('policy');
  });
});
