/** Starting a gateway and a browser on a busy machine. */
export const SUITE_TIMEOUT_MS = 90_000;

/** How long a page may take to show its content before the test fails (the machine is shared; the real numbers are recorded). */
export const CONTENT_TIMEOUT_MS = 20_000;

/** One test: several pages, each waited for. */
export const TEST_TIMEOUT_MS = 120_000;
