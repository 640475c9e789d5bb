/**
 * Calls per operation since start or the last reset, served at GET /_emulator/stats. Every request
 * whose X-Amz-Target named an implemented operation counts, whatever its outcome (validation error,
 * throttling, injected failure or success).
 */
export interface EmulatorStats {
  calls: Record<string, number>;
  total: number;
}

export class StatsCounter {
  private calls = new Map<string, number>();

  record(operation: string): void {
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
  }

  snapshot(): EmulatorStats {
    const calls = Object.fromEntries([...this.calls.entries()].sort(([a], [b]) => a.localeCompare(b)));
    return { calls, total: [...this.calls.values()].reduce((sum, n) => sum + n, 0) };
  }

  reset(): void {
    this.calls.clear();
  }
}
