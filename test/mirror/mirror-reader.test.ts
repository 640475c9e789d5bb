import { startEmulator, type RunningEmulator } from '../../src/emulator';
import type { OrganizationsReader } from '../../src/domain/ports';
import { POLICY_TYPES } from '../../src/domain/policy-type';
import { mirrorReader } from '../../src/mirror/mirror-reader';
import { MirrorSnapshot } from '../../src/mirror/mirror-snapshot';
import { countingReader } from '../../src/mirror/counting-reader';
import { readOrganization, readTags } from '../../src/mirror/sync-plan';
import { createOrganizationsClient } from '../../src/upstream/client-factory';
import { createSdkOrganizations } from '../../src/upstream/sdk-organizations';

/** What a read answered: its value, or its error's code and message. */
async function outcome(read: () => Promise<unknown>): Promise<unknown> {
  try {
    return { value: JSON.parse(JSON.stringify(await read())) };
  } catch (error) {
    const e = error as { code?: string; message?: string; details?: Record<string, unknown> };
    return { code: e.code, message: e.message, field: e.details?.field };
  }
}

describe('the mirror reader answers like the SDK adapter (demo organization, emulator over HTTP)', () => {
  let emulator: RunningEmulator;
  let upstream: OrganizationsReader;
  let mirror: OrganizationsReader;
  let syncCalls: number;

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 'demo' });
    const client = createOrganizationsClient(
      { kind: 'endpoint', endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
      { maxAttempts: 1, requestTimeoutMs: 5000 },
    );
    upstream = createSdkOrganizations(client);
    const counted = countingReader(upstream);
    const tree = MirrorSnapshot.of(await readOrganization(counted.reader, { concurrency: 4 }), { version: 1, syncedAt: new Date(), tagsSyncedAt: null });
    const tags = await readTags(counted.reader, tree, { concurrency: 4 });
    syncCalls = emulator.stats().total;
    mirror = mirrorReader(tree.withUpdates(tags, { version: 2, syncedAt: tree.syncedAt, tagsSyncedAt: new Date() }));
  });
  afterAll(() => emulator.close());

  it('syncs the demo organization with the minimum number of calls', () => {
    // 2 (organization, roots) + 2 per parent (1 root + 7 OUs) + 1 ListPolicies per type + 2 per policy
    // (document, targets) + 1 per (target, type) holding 2+ policies, + 1 ListTagsForResource per resource.
    const stats = emulator.stats().calls;
    const parents = 8;
    const policies = stats.DescribePolicy!;
    const resources = 1 + 7 + 11 + policies;
    const ambiguous = stats.ListPoliciesForTarget ?? 0;
    expect(stats.ListOrganizationalUnitsForParent).toBe(parents);
    expect(stats.ListAccountsForParent).toBe(parents);
    expect(stats.ListPolicies).toBe(POLICY_TYPES.length);
    expect(stats.ListTargetsForPolicy).toBe(policies);
    expect(stats.ListTagsForResource).toBe(resources);
    expect(stats.DescribeAccount).toBeUndefined();
    expect(stats.ListParents).toBeUndefined();
    expect(syncCalls).toBe(2 + 2 * parents + POLICY_TYPES.length + 2 * policies + ambiguous + resources);
    console.log(`demo cold sync: ${syncCalls} calls (${JSON.stringify(stats)})`);
  });

  it('gives the same answer or the same error for every read of every entity, and for ids that do not exist or are malformed', async () => {
    const roots = await upstream.listRoots();
    const parents = [roots[0]!.id];
    const accounts: string[] = [];
    for (let i = 0; i < parents.length; i++) {
      parents.push(...(await upstream.listOrganizationalUnitsForParent(parents[i]!)).map((ou) => ou.id));
      accounts.push(...(await upstream.listAccountsForParent(parents[i]!)).map((a) => a.id));
    }
    const policies = (await Promise.all(POLICY_TYPES.map((type) => upstream.listPolicies(type)))).flat().map((p) => p.id);
    const ous = parents.slice(1);
    const missing = ['ou-demo-nosuchthing', '000000000000', 'p-nosuchpolicy1', 'r-zzzz'];
    const malformed = ['nonsense', 'ou-', '12345', ''];
    const ids = [...parents, ...accounts, ...policies, ...missing, ...malformed];
    const reads: Array<[string, (r: OrganizationsReader) => Promise<unknown>]> = [
      ['describeOrganization', (r) => r.describeOrganization()],
      ['listRoots', (r) => r.listRoots()],
    ];
    for (const id of ids) {
      reads.push([`ous ${id}`, (r) => r.listOrganizationalUnitsForParent(id)]);
      reads.push([`accounts ${id}`, (r) => r.listAccountsForParent(id)]);
      reads.push([`parent ${id}`, (r) => r.listParent(id)]);
      reads.push([`account ${id}`, (r) => r.describeAccount(id)]);
      reads.push([`ou ${id}`, (r) => r.describeOrganizationalUnit(id)]);
      reads.push([`tags ${id}`, (r) => r.listTagsForResource(id)]);
      reads.push([`policy ${id}`, (r) => r.describePolicy(id)]);
      reads.push([`targets ${id}`, (r) => r.listTargetsForPolicy(id)]);
      for (const type of ['AISERVICES_OPT_OUT_POLICY', 'SERVICE_CONTROL_POLICY', 'TAG_POLICY'] as const) {
        reads.push([`attached ${id} ${type}`, (r) => r.listPoliciesForTarget(id, type)]);
      }
    }
    for (const type of POLICY_TYPES) reads.push([`policies ${type}`, (r) => r.listPolicies(type)]);
    for (const id of [...accounts, ...ous.slice(0, 1), '000000000000']) {
      reads.push([`effective ${id}`, (r) => r.describeEffectivePolicy(id, 'AISERVICES_OPT_OUT_POLICY').then((e) => e?.content ?? null)]);
    }
    expect(ous.length).toBe(7);
    expect(accounts.length).toBe(11);
    const differences: string[] = [];
    for (const [name, read] of reads) {
      const [fromUpstream, fromMirror] = [await outcome(() => read(upstream)), await outcome(() => read(mirror))];
      if (JSON.stringify(fromUpstream) !== JSON.stringify(fromMirror))
        differences.push(`${name}: upstream ${JSON.stringify(fromUpstream)} mirror ${JSON.stringify(fromMirror)}`);
    }
    expect(differences).toEqual([]);
    expect(reads.length).toBeGreaterThan(350);
  });
});
