import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { ORGANIZATIONS_RATE_LIMITS } from '../../src/domain/organizations-rate-limits';
import type { OrganizationsReader } from '../../src/domain/ports';
import { generatedOrgSeed } from '../support/generated-org-seed';
import { upstreamAt, type UpstreamUnderTest } from './upstream-client';

/** Reads the whole tree level by level (every parent of a level at once), every AI opt-out policy's targets, and every OU's tags. */
async function walk(reader: OrganizationsReader): Promise<{ accounts: number; ous: number; targets: number; tagged: number }> {
  const [root] = await reader.listRoots();
  let level = [root!.id];
  const ouIds: string[] = [];
  let accounts = 0;
  while (level.length > 0) {
    const children = await Promise.all(
      level.map(async (id) => ({ ous: await reader.listOrganizationalUnitsForParent(id), accounts: await reader.listAccountsForParent(id) })),
    );
    accounts += children.reduce((n, c) => n + c.accounts.length, 0);
    level = children.flatMap((c) => c.ous.map((ou) => ou.id));
    ouIds.push(...level);
  }
  const [policies, tags] = await Promise.all([
    reader.listPolicies('AISERVICES_OPT_OUT_POLICY').then((list) => Promise.all(list.map((p) => reader.listTargetsForPolicy(p.id)))),
    Promise.all(ouIds.map((id) => reader.listTagsForResource(id))),
  ]);
  return { accounts, ous: ouIds.length, targets: policies.flat().length, tagged: tags.length };
}

describe("the upstream client under AWS's documented throttling", () => {
  let emulator: RunningEmulator;
  let upstream: UpstreamUnderTest;
  afterAll(async () => {
    upstream?.close();
    await emulator?.close();
  });

  it('walks an org of 300 accounts through a throttling emulator without one throttled call, within the documented rates', async () => {
    const org = generatedOrgSeed({ accounts: 300, topOus: 4, childrenPerTop: 6, policies: 10 });
    emulator = await startEmulator({ port: 0, seed: org.seed, throttle: true });
    upstream = upstreamAt(emulator.url, { maxAttempts: 4, requestTimeoutMs: 5000, concurrency: 8 });
    const started = performance.now();
    const result = await walk(upstream.organizations);
    const elapsedSeconds = (performance.now() - started) / 1000;

    expect(result).toEqual({ accounts: 300, ous: org.parents - 1, targets: expect.any(Number), tagged: org.parents - 1 });
    expect(result.targets).toBeGreaterThanOrEqual(org.policies);
    expect(upstream.events.filter((e) => e.outcome !== 'ok')).toEqual([]);
    // Every request the emulator counted was one of our calls: none was refused and sent again.
    const { calls, total } = emulator.stats();
    expect(total).toBe(upstream.events.length);
    expect(upstream.events.every((e) => e.attempts === 1)).toBe(true);
    for (const [operation, count] of Object.entries(calls)) {
      const limit = ORGANIZATIONS_RATE_LIMITS[operation]!;
      expect(count).toBeLessThanOrEqual(limit.burst + limit.rate * elapsedSeconds);
    }
    // The walk was paced, not free: 2 x 29 parent listings at 5/s cannot finish in under 4 s.
    expect(calls.ListAccountsForParent).toBe(org.parents);
    expect(elapsedSeconds).toBeGreaterThan((org.parents - 8) / 5);
  }, 60_000);
});
