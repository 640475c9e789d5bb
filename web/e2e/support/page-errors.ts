import type { Page } from 'playwright-core';

/**
 * Everything a page wrote to its console as an error, every uncaught exception, and every request
 * it made to another origin than the gateway's (the console loads nothing from a CDN), in order.
 */
export function collectPageErrors(page: Page, origin: string): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    errors.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.name}: ${error.message}`));
  page.on('request', (request) => {
    const { protocol, origin: requested } = new URL(request.url());
    if ((protocol === 'http:' || protocol === 'https:') && requested !== origin) errors.push(`request to another origin: ${request.url()}`);
  });
  return errors;
}
