export interface CheckResult {
  readonly ok: boolean;
  readonly error?: string;
  readonly latencyMs: number;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, CheckResult>>;
}

export type Probe = () => Promise<void>;

/**
 * Runs named probes with a timeout each. Results are cached for `cacheMs` so that a load balancer
 * polling /readyz does not spend the Organizations API's small DescribeOrganization quota
 * (1 request/s per account).
 */
export function createReadiness(probes: Readonly<Record<string, Probe>>, options: { timeoutMs: number; cacheMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  let cached: { at: number; report: ReadinessReport } | undefined;

  async function run(probe: Probe): Promise<CheckResult> {
    const started = now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        probe(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
        }),
      ]);
      return { ok: true, latencyMs: now() - started };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error), latencyMs: now() - started };
    } finally {
      clearTimeout(timer);
    }
  }

  return async function check(): Promise<ReadinessReport> {
    if (cached && now() - cached.at < options.cacheMs) return cached.report;
    const names = Object.keys(probes);
    const results = await Promise.all(names.map((name) => run(probes[name] as Probe)));
    const checks = Object.fromEntries(names.map((name, i) => [name, results[i] as CheckResult]));
    const report = { ready: results.every((r) => r.ok), checks };
    cached = { at: now(), report };
    return report;
  };
}
