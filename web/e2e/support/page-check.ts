import type { Page } from 'playwright-core';
import { checkAccessibility, type AccessibilityReport } from './accessibility';
import { DESKTOP, VIEWPORTS, saveScreenshot, type ViewportName } from './artifacts';

/**
 * The page as it is now, at 1280x800 and at a phone's width: saves a screenshot of each and runs
 * axe-core over each (recorded in `accessibility` as `<name>@<viewport>`). Fails on a serious or
 * critical violation, on a page wider than the viewport (a wide table may scroll in its own box, the
 * page may not), or on any console error or uncaught exception the tab has seen.
 */
export async function checkPage(page: Page, name: string, errors: readonly string[], accessibility: Record<string, AccessibilityReport>): Promise<void> {
  const blocking: string[] = [];
  const tooWide: string[] = [];
  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    await page.setViewportSize(VIEWPORTS[viewport]);
    await saveScreenshot(page, name, viewport);
    const report = await checkAccessibility(page);
    accessibility[`${name}@${viewport}`] = report;
    blocking.push(...report.blocking.map((line) => `${viewport}: ${line}`));
    const pageWidth = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
    if (pageWidth > VIEWPORTS[viewport].width) tooWide.push(`${viewport}: the page is ${pageWidth} px wide`);
  }
  await page.setViewportSize(DESKTOP);
  expect({ page: name, seriousOrCriticalViolations: blocking }).toEqual({ page: name, seriousOrCriticalViolations: [] });
  expect({ page: name, scrollsSideways: tooWide }).toEqual({ page: name, scrollsSideways: [] });
  expect({ page: name, consoleErrors: errors }).toEqual({ page: name, consoleErrors: [] });
}
