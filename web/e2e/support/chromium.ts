import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`, which .ci/run does when it is missing); ORGQL_CHROMIUM names another binary. */
export function chromiumPath(): string {
  const executable = process.env.ORGQL_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(executable)) {
    throw new Error(
      `The console's end-to-end tests need Chromium and found none at ${executable}. ` +
        'Install Debian\'s ("apt-get install -y --no-install-recommends chromium", as .ci/run does) or set ORGQL_CHROMIUM to a Chromium binary.',
    );
  }
  return executable;
}

/** Quiet and self-contained: no sandbox (CI runs as root), no GPU, nothing fetched in the background. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * One headless Chromium for a test file; each role gets a fresh context of it. launch() gives the
 * browser an empty --user-data-dir of its own in the temporary directory and removes it on close.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}
