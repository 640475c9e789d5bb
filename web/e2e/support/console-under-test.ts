import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startTestGateway, type TestGateway } from '../../../test/support/gateway-harness';
import type { AccessibilityReport } from './accessibility';
import { DESKTOP, loadTimeTable, saveJson, type LoadTime } from './artifacts';
import { launchChromium } from './chromium';
import { checkPage } from './page-check';
import { collectPageErrors } from './page-errors';
import { CONTENT_TIMEOUT_MS } from './timeouts';

export const CONSOLE_ROLES = ['viewer', 'editor', 'auditor', 'admin'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

/** One browser tab of the console in a context of its own (its own sessionStorage), with what it logged. */
export interface ConsolePage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and uncaught exceptions so far. */
  readonly errors: string[];
  /** Opens the console path by its address and waits until `ready` is visible; records and returns the load time (ms). */
  load(name: string, path: string, ready: (page: Page) => Locator): Promise<number>;
  /** Clicks `link` and waits until `ready` is visible; records and returns the time it took (ms). */
  follow(name: string, link: Locator, ready: (page: Page) => Locator): Promise<number>;
  /** Signs in through the form the page shows (any route shows it to a stranger) and waits until the console says who is signed in. */
  signIn(key: string): Promise<void>;
  /**
   * At 1280x800 and at a phone's width: saves a screenshot and runs axe; fails on serious or critical
   * violations, on a page wider than the viewport, or on any console error.
   */
  check(name: string): Promise<void>;
}

/** A real gateway (real database, the embedded emulator with the demo organization), a key per role and one Chromium. */
export interface ConsoleUnderTest {
  readonly gateway: TestGateway;
  readonly keys: Readonly<Record<ConsoleRole, string>>;
  /** The absolute address of a console path, e.g. url('/console/org'). */
  url(path: string): string;
  /** A fresh context (nothing stored) with one page at 1280x800. */
  newPage(): Promise<ConsolePage>;
  /** Every tab's console errors and uncaught exceptions since the last call (for an afterEach that expects none). */
  takeErrors(): string[];
  /** newPage, signed in with the role's key from the sign-in form at /console. */
  signedIn(role: ConsoleRole): Promise<ConsolePage>;
  close(): Promise<void>;
}

/** Starts everything for one test file; `suite` names its load-time and accessibility reports. */
export async function startConsoleUnderTest(suite: string): Promise<ConsoleUnderTest> {
  const [gateway, browser] = await Promise.all([startTestGateway({ ORGQL_EMULATOR_SEED: 'demo' }), launchChromium()]);
  const keys = {} as Record<ConsoleRole, string>;
  for (const role of CONSOLE_ROLES) keys[role] = role === 'admin' ? gateway.adminKey : await gateway.keyFor(role, `console-${role}`);
  const origin = gateway.gateway.url.replace(/\/$/, '');
  const loadTimes: LoadTime[] = [];
  const accessibility: Record<string, AccessibilityReport> = {};
  const url = (path: string) => `${origin}${path}`;
  const tabs: ConsolePage[] = [];
  const open = async () => {
    const tab = await openPage(browser, url, loadTimes, accessibility);
    tabs.push(tab);
    return tab;
  };
  return {
    gateway,
    keys,
    url,
    newPage: open,
    takeErrors: () => tabs.flatMap((tab) => tab.errors.splice(0)),
    async signedIn(role) {
      const tab = await open();
      await tab.page.goto(url('/console'));
      await tab.signIn(keys[role]);
      return tab;
    },
    async close() {
      saveJson(`load-times-${suite}`, loadTimes);
      saveJson(`accessibility-${suite}`, accessibility);
      if (loadTimes.length > 0) console.log(`console page load times (${suite}):\n${loadTimeTable(loadTimes)}`);
      await Promise.allSettled([browser.close(), gateway.close()]);
    },
  };
}

async function openPage(
  browser: Browser,
  url: (path: string) => string,
  loadTimes: LoadTime[],
  accessibility: Record<string, AccessibilityReport>,
): Promise<ConsolePage> {
  // bypassCSP: axe-core is injected as a script of the test's, which the console's own policy rightly refuses.
  // UTC and en-US: the time filters' datetime-local fields mean the same instants on every machine.
  const context = await browser.newContext({ viewport: DESKTOP, bypassCSP: true, timezoneId: 'UTC', locale: 'en-US' });
  context.setDefaultTimeout(CONTENT_TIMEOUT_MS);
  const page = await context.newPage();
  const errors = collectPageErrors(page, new URL(url('/')).origin);
  const timed = async (name: string, via: LoadTime['via'], navigate: () => Promise<unknown>, ready: (page: Page) => Locator) => {
    const started = performance.now();
    await navigate();
    await ready(page)
      .waitFor({ state: 'visible' })
      .catch((error: Error) => {
        const logged = errors.length > 0 ? `; the page logged:\n  ${errors.join('\n  ')}` : '';
        throw new Error(`The console's "${name}" page (now at ${page.url()}) did not show its content: ${error.message.split('\n')[0]}${logged}`);
      });
    const ms = Math.round(performance.now() - started);
    loadTimes.push({ page: name, path: new URL(page.url()).pathname, via, ms });
    return ms;
  };
  return {
    page,
    context,
    errors,
    load: (name, path, ready) => timed(name, 'load', () => page.goto(url(path)), ready),
    follow: (name, link, ready) => timed(name, 'click', () => link.click(), ready),
    async signIn(key) {
      await page.getByLabel('API key').fill(key);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByTestId('signed-in-as').waitFor();
    },
    check: (name) => checkPage(page, name, errors, accessibility),
  };
}
