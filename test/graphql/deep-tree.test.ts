import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mirrorSettled, READ_UPSTREAM, startTestGateway, type TestGateway } from '../support/gateway-harness';
import { deepTreeSeed } from './support/deep-tree-seed';
import { countUpstreamCalls } from './support/upstream-stats';

const AI = 'AISERVICES_OPT_OUT_POLICY';
const ACCOUNT_FIELDS = 'accounts { id name parent { id } }';
/** roots -> 5 OU levels, each with its accounts. */
const levels = (depth: number): string =>
  depth === 0 ? ACCOUNT_FIELDS : `${ACCOUNT_FIELDS} organizationalUnits { id name policies(type: ${AI}) { policy { id } } ${levels(depth - 1)} }`;
const TREE_QUERY = `{
  roots { id ${levels(5)} }
  effectivePolicies(type: ${AI}) { account { id } content }
  accounts(first: 1) { totalCount }
}`;

interface Ou {
  id: string;
  accounts: { id: string; parent: { id: string } }[];
  organizationalUnits?: Ou[];
}

describe('a deep organization (5 OU levels, 500 accounts)', () => {
  const { seed, parents, accounts, attachedPolicies } = deepTreeSeed(40);
  const policyCount = seed.policies!.length;
  let t: TestGateway;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'orgql-deep-'));
    const file = path.join(dir, 'seed.json');
    writeFileSync(file, JSON.stringify(seed));
    t = await startTestGateway({ ORGQL_EMULATOR_SEED: file });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is fetched in one query with upstream calls proportional to parents, not accounts, when the request reads upstream', async () => {
    expect(accounts).toBe(500);
    await mirrorSettled(t.gateway);
    const started = performance.now();
    const { result, stats } = await countUpstreamCalls(t.gateway.emulatorUrl!, () => t.graphql(TREE_QUERY, undefined, READ_UPSTREAM));
    const elapsedMs = performance.now() - started;
    expect(result.body.errors).toBeUndefined();
    const data = result.body.data!;

    const seen: string[] = [];
    const walk = (ou: Ou, depth: number): number => {
      for (const a of ou.accounts) {
        expect(a.parent.id).toBe(ou.id);
        seen.push(a.id);
      }
      return Math.max(depth, ...(ou.organizationalUnits ?? []).map((child) => walk(child, depth + 1)));
    };
    expect(walk(data.roots[0], 0)).toBe(5);
    expect(new Set(seen).size).toBe(500);
    expect(data.accounts.totalCount).toBe(500);
    expect(data.effectivePolicies).toHaveLength(500);

    // Per parent: one ListOrganizationalUnitsForParent page and one ListAccountsForParent page per 20 accounts.
    const listCalls = (stats.calls.ListOrganizationalUnitsForParent ?? 0) + (stats.calls.ListAccountsForParent ?? 0);
    expect(stats.calls.ListOrganizationalUnitsForParent).toBe(parents);
    expect(listCalls).toBeLessThanOrEqual(2 * parents + Math.ceil(accounts / 20));
    // Attachments of the 500 accounts come from the policies' target lists (one call per policy), not
    // one call per account: only OU levels smaller than the policy count, and nodes holding two
    // policies of the type (their order matters), are asked directly.
    expect(stats.calls.ListPoliciesForTarget ?? 0).toBeLessThanOrEqual(parents + 8);
    expect(stats.calls.ListTargetsForPolicy ?? 0).toBeLessThanOrEqual(policyCount);
    expect(stats.calls.DescribePolicy).toBe(attachedPolicies);
    expect(stats.calls.DescribeAccount).toBeUndefined();
    expect(stats.calls.ListParents).toBeUndefined();
    expect(stats.total).toBeLessThan(4 * parents + policyCount);
    // Recorded for the closing note of issue 5.
    console.log(`deep tree: ${stats.total} upstream calls (${JSON.stringify(stats.calls)}) in ${Math.round(elapsedMs)} ms`);
  });

  it('computes the same effective policies as DescribeEffectivePolicy, the policy attached first winning on a node with two', async () => {
    const { body } = await t.graphql(`{ effectivePolicies(type: ${AI}) { account { id } content } }`);
    const byAccount = new Map<string, unknown>(
      body.data!.effectivePolicies.map((e: { account: { id: string }; content: unknown }) => [e.account.id, e.content]),
    );
    for (const id of ['111111111111', '200000000001', '200000000050', '200000000400', '200000000499']) {
      const upstream = await t.graphql(`query($id: ID!) { effectivePolicy(accountId: $id, type: ${AI}, source: UPSTREAM) { content } }`, { id });
      expect(upstream.body.errors).toBeUndefined();
      expect(byAccount.get(id)).toEqual(upstream.body.data!.effectivePolicy.content);
    }
    // Account 1 sits in the first level-5 OU: LeafPollyIn (attached first) beats LeafPollyOut.
    expect(byAccount.get('200000000001')).toEqual({
      services: { default: { opt_out_policy: 'optOut' }, lex: { opt_out_policy: 'optIn' }, polly: { opt_out_policy: 'optIn' } },
    });
  });

  it('pages through all accounts with first/after and a stable totalCount', async () => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const { body }: { body: { data?: Record<string, any> | null } } = await t.graphql(
        `query($after: String) { accounts(first: 120, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
        { after },
      );
      const connection: {
        totalCount: number;
        edges: { node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string };
      } = body.data!.accounts;
      expect(connection.totalCount).toBe(500);
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      ids.push(...connection.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(ids).toHaveLength(500);
    expect(new Set(ids).size).toBe(500);
  });

  it('pages through policies that span several upstream pages, and accounts under one OU', async () => {
    const first = (await t.graphql(`{ policies(type: ${AI}, first: 30) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`)).body.data!
      .policies;
    expect(first.totalCount).toBe(44);
    expect(first.edges).toHaveLength(30);
    const rest = (
      await t.graphql(`query($after: String) { policies(type: ${AI}, first: 30, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }`, {
        after: first.pageInfo.endCursor,
      })
    ).body.data!.policies;
    expect(rest.edges).toHaveLength(14);
    expect(rest.pageInfo.hasNextPage).toBe(false);

    const { body } = await t.graphql(`{ roots { organizationalUnits { id } } }`);
    const topOu = body.data!.roots[0].organizationalUnits[0].id;
    const under = (await t.graphql(`query($ou: ID!) { accounts(under: $ou, first: 0) { totalCount edges { cursor } } }`, { ou: topOu })).body.data!.accounts;
    expect(under.edges).toEqual([]);
    expect(under.totalCount).toBeGreaterThanOrEqual(100);
  });

  it('answers BAD_USER_INPUT for a cursor it did not issue or a page size out of range', async () => {
    const bad = await t.graphql(`{ accounts(after: "bm9wZQ") { totalCount } }`);
    expect(bad.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const big = await t.graphql(`{ accounts(first: 5000) { totalCount } }`);
    expect(big.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });
});
