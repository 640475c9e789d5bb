// The fewest Organizations calls a full sync of an organization can make (MIRROR.md, "sync-plan.ts"),
// counted by doing it once with an unpaced client: every page of every list is one call.
import { POLICY_TYPES, type PolicyType } from '../../src/domain/policy-type';
import { createOrganizationsClient, type UpstreamCallEvent } from '../../src/upstream/client-factory';
import { createSdkOrganizations } from '../../src/upstream/sdk-organizations';

export interface MinimumSync {
  /** DescribeOrganization, ListRoots, two lists per parent, ListPolicies per type, DescribePolicy + ListTargetsForPolicy per policy, ListPoliciesForTarget where a target holds 2+ of a type. */
  readonly treeAndPolicies: number;
  /** One ListTagsForResource per root, OU, account and policy. */
  readonly tags: number;
  readonly parents: number;
  readonly accounts: number;
  readonly policies: number;
}

export async function minimumSyncCalls(endpoint: string): Promise<MinimumSync> {
  const events: UpstreamCallEvent[] = [];
  const client = createOrganizationsClient(
    { kind: 'endpoint', endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } },
    { maxAttempts: 1, requestTimeoutMs: 30_000, rateScale: 0, concurrency: 32 },
    { onUpstreamCall: (event) => events.push(event) },
  );
  const reader = createSdkOrganizations(client);
  try {
    const [, roots] = await Promise.all([reader.describeOrganization(), reader.listRoots()]);
    let level = roots.map((root) => root.id);
    let parents = 0;
    let accounts = 0;
    while (level.length > 0) {
      parents += level.length;
      const lists = await Promise.all(
        level.map(async (id) => ({ ous: await reader.listOrganizationalUnitsForParent(id), accounts: await reader.listAccountsForParent(id) })),
      );
      accounts += lists.reduce((n, list) => n + list.accounts.length, 0);
      level = lists.flatMap((list) => list.ous.map((ou) => ou.id));
    }
    const summaries = (await Promise.all(POLICY_TYPES.map((type) => reader.listPolicies(type)))).flat();
    const perTarget = new Map<string, number>();
    await Promise.all(
      summaries.map(async (summary) => {
        const [, targets] = await Promise.all([reader.describePolicy(summary.id), reader.listTargetsForPolicy(summary.id)]);
        for (const target of targets) perTarget.set(`${target.id} ${summary.type}`, (perTarget.get(`${target.id} ${summary.type}`) ?? 0) + 1);
      }),
    );
    await Promise.all(
      [...perTarget]
        .filter(([, n]) => n > 1)
        .map(([key]) => {
          const [targetId, type] = key.split(' ') as [string, PolicyType];
          return reader.listPoliciesForTarget(targetId, type);
        }),
    );
    const treeAndPolicies = events.length;
    return { treeAndPolicies, tags: roots.length + (parents - roots.length) + accounts + summaries.length, parents, accounts, policies: summaries.length };
  } finally {
    client.destroy();
  }
}
