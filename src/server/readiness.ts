import { isOrgqlError } from '../domain/errors';

export interface CheckResult {
  readonly ok: boolean;
  /**
   * Why a check failed, in words fit for any caller of /readyz (which needs no credentials): a
   * stable code and a fixed sentence, never the raw error, which can name hosts, ports, SQL or files.
   */
  readonly reason?: string;
  readonly latencyMs: number;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, CheckResult>>;
}

export type Probe = () => Promise<void>;

/** What each check says when it fails without a domain error code of its own. */
const UNREACHABLE: Readonly<Record<string, string>> = {
  database: 'DATABASE_UNAVAILABLE: the database cannot be reached',
  upstream: 'UPSTREAM_UNAVAILABLE: AWS Organizations cannot be reached',
};

class ProbeTimeout extends Error {}

/**
 * Runs named probes with a timeout each. Results are cached for `cacheMs` so that a load balancer
 * polling /readyz does not spend the Organizations API's small DescribeOrganization quota
 * (1 request/s per account).
 */
export function createReadiness(probes: Readonly<Record<string, Probe>>, options: { timeoutMs: number; cacheMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  let cached: { at: number; report: ReadinessReport } | undefined;

  function reasonFor(name: string, error: unknown): string {
    if (error instanceof ProbeTimeout) return `TIMEOUT: no answer within ${options.timeoutMs} ms`;
    if (isOrgqlError(error)) return `${error.code}: the ${name} check failed`;
    return UNREACHABLE[name] ?? `UNAVAILABLE: the ${name} check failed`;
  }

  async function run(name: string, probe: Probe): Promise<CheckResult> {
    const started = now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        probe(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new ProbeTimeout()), options.timeoutMs);
        }),
      ]);
      return { ok: true, latencyMs: now() - started };
    } catch (error) {
      return { ok: false, reason: reasonFor(name, error), latencyMs: now() - started };
    } finally {
      clearTimeout(timer);
    }
  }

  return async function check(): Promise<ReadinessReport> {
    if (cached && now() - cached.at < options.cacheMs) return cached.report;
    const names = Object.keys(probes);
    const results = await Promise.all(names.map((name) => run(name, probes[name] as Probe)));
    const checks = Object.fromEntries(names.map((name, i) => [name, results[i] as CheckResult]));
    const report = { ready: results.every((r) => r.ok), checks };
    cached = { at: now(), report };
    return report;
  };
}
