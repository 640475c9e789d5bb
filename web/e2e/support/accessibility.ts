import type { Page } from 'playwright-core';

/** axe-core's own build, injected into the page under test (the console never ships it). */
const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');
const BLOCKING = new Set(['serious', 'critical']);

export interface AccessibilityReport {
  /** Serious and critical violations, one readable line each: rule id, impact, help and the elements' selectors. */
  readonly blocking: string[];
  /** Minor and moderate ones, the same way (reported, not failed on). */
  readonly other: string[];
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core over the whole page as it is now. */
export async function checkAccessibility(page: Page): Promise<AccessibilityReport> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ path: AXE_SCRIPT });
  const violations: AxeViolation[] = await page.evaluate(async () => {
    const { axe, document } = globalThis as any;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n: any) => n.target.join(' ')) }));
  });
  const line = (v: AxeViolation) => `${v.id} (${v.impact}): ${v.help}; at ${v.targets.join(', ')}`;
  return {
    blocking: violations.filter((v) => v.impact !== null && BLOCKING.has(v.impact)).map(line),
    other: violations.filter((v) => v.impact === null || !BLOCKING.has(v.impact)).map(line),
  };
}
