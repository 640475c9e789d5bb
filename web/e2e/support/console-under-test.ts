import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startTestGateway, type TestGateway } from '../../../test/support/gateway-harness';
import { checkAccessibility, type AccessibilityReport } from './accessibility';
import { DESKTOP, loadTimeTable, saveJson, saveScreenshots, type LoadTime } from './artifacts';
import { launchChromium } from './chromium';
import { collectPageErrors } from './page-errors';

export const CONSOLE_ROLES = ['viewer', 'editor', 'auditor', 'admin'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

/** Starting a gateway and a browser on a busy machine. */
export const SUITE_TIMEOUT_MS = 90_000;

/** How long a page may take to show its content before the test fails (the machine is shared; the numbers are recorded). */
export const CONTENT_TIMEOUT_MS = 20_000;

/** One browser tab of the console in a context of its own (its own sessionStorage), with what it logged. */
export interface ConsolePage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and uncaught exceptions so far. */
  readonly errors: string[];
  /** Opens the console path by its address and waits until `ready` is visible; records the load time. */
  load(name: string, path: string, ready: (page: Page) => Locator): Promise<void>;
  /** Clicks `link` and waits until `ready` is visible; records the load time. */
  follow(name: string, link: Locator, ready: (page: Page) => Locator): Promise<void>;
  /** Saves the page's screenshots and fails on serious or critical axe violations or on any console error. */
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
  return {
    gateway,
    keys,
    url,
    newPage: () => openPage(browser, url, loadTimes, accessibility),
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
  const context = await browser.newContext({ viewport: DESKTOP, bypassCSP: true });
  context.setDefaultTimeout(CONTENT_TIMEOUT_MS);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const timed = async (name: string, via: LoadTime['via'], navigate: () => Promise<unknown>, ready: (page: Page) => Locator) => {
    const started = performance.now();
    await navigate();
    await ready(page)
      .waitFor({ state: 'visible' })
      .catch((error: Error) => {
        const logged = errors.length > 0 ? `; the page logged:\n  ${errors.join('\n  ')}` : '';
        throw new Error(`The console's "${name}" page (now at ${page.url()}) did not show its content: ${error.message.split('\n')[0]}${logged}`);
      });
    loadTimes.push({ page: name, path: new URL(page.url()).pathname, via, ms: Math.round(performance.now() - started) });
  };
  return {
    page,
    context,
    errors,
    load: (name, path, ready) => timed(name, 'load', () => page.goto(url(path)), ready),
    follow: (name, link, ready) => timed(name, 'click', () => link.click(), ready),
    async check(name) {
      await saveScreenshots(page, name);
      const report = await checkAccessibility(page);
      accessibility[name] = report;
      expect({ page: name, seriousOrCriticalViolations: report.blocking }).toEqual({ page: name, seriousOrCriticalViolations: [] });
      expect({ page: name, consoleErrors: errors }).toEqual({ page: name, consoleErrors: [] });
    },
  };
}
