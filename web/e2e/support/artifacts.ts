import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** Screenshots and load times of the last run (git-ignored). */
export const ARTIFACTS_DIR = path.resolve(__dirname, '..', 'screenshots');

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export interface LoadTime {
  /** The page, as the tests name it (e.g. "organization"). */
  readonly page: string;
  /** Its path in the console. */
  readonly path: string;
  /** 'load': a full page load from its address; 'click': an in-app navigation from another page. */
  readonly via: 'load' | 'click';
  /** From the navigation's start until the page's content is visible, in milliseconds. */
  readonly ms: number;
}

/** The widths every page is checked at: the 1280x800 and a phone's. */
export const VIEWPORTS = { desktop: DESKTOP, phone: PHONE } as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** A full-page screenshot of the page as it is now, saved as `<name>-<viewport>.png`. */
export async function saveScreenshot(page: Page, name: string, viewport: ViewportName): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}-${viewport}.png`), fullPage: true });
}

/** Writes `<file>.json` beside the screenshots. */
export function saveJson(file: string, value: unknown): void {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  writeFileSync(path.join(ARTIFACTS_DIR, `${file}.json`), `${JSON.stringify(value, null, 2)}\n`);
}

/** The load times as a table for the test log. */
export function loadTimeTable(times: readonly LoadTime[]): string {
  return times.map((time) => `${time.page.padEnd(30)} ${time.path.padEnd(44)} ${time.via.padEnd(5)} ${String(time.ms).padStart(6)} ms`).join('\n');
}
