/** Reads and resets the emulator's call counters (GET /_emulator/stats, POST /_emulator/reset-stats). */
export interface UpstreamStats {
  calls: Record<string, number>;
  total: number;
}

export async function upstreamStats(emulatorUrl: string): Promise<UpstreamStats> {
  return (await (await fetch(`${emulatorUrl}/_emulator/stats`)).json()) as UpstreamStats;
}

export async function resetUpstreamStats(emulatorUrl: string): Promise<void> {
  await fetch(`${emulatorUrl}/_emulator/reset-stats`, { method: 'POST' });
}

/** Runs `fn` and returns the upstream calls it caused (tests run serially within a file). */
export async function countUpstreamCalls<T>(emulatorUrl: string, fn: () => Promise<T>): Promise<{ result: T; stats: UpstreamStats }> {
  await resetUpstreamStats(emulatorUrl);
  const result = await fn();
  return { result, stats: await upstreamStats(emulatorUrl) };
}
