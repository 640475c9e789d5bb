import {
  CreatePolicyCommand,
  ListAccountsCommand,
  paginateListAccounts,
  paginateListChildren,
  paginateListPolicies,
  paginateListTargetsForPolicy,
  TagResourceCommand,
  ListTagsForResourceCommand,
  ListChildrenCommand,
} from '@aws-sdk/client-organizations';
import { expectAwsError, rawCall, startTestEmulator } from './harness';
import type { TestEmulator } from './harness';

describe('pagination', () => {
  let t: TestEmulator;
  beforeEach(async () => {
    t = await startTestEmulator({ seed: 'demo' });
  });
  afterEach(() => t.close());

  it('pages through every account exactly once with a paginator', async () => {
    const ids: string[] = [];
    let pages = 0;
    for await (const page of paginateListAccounts({ client: t.client, pageSize: 3 }, {})) {
      pages += 1;
      expect(page.Accounts?.length).toBeLessThanOrEqual(3);
      ids.push(...(page.Accounts ?? []).map((a) => a.Id ?? ''));
    }
    expect(pages).toBe(4);
    expect(ids).toHaveLength(11);
    expect(new Set(ids).size).toBe(11);
  });

  it('returns at most 20 items by default and a NextToken only while more remain', async () => {
    const first = await t.client.send(new ListAccountsCommand({}));
    expect(first.Accounts).toHaveLength(11);
    expect(first.NextToken).toBeUndefined();
    for (let i = 0; i < 25; i += 1) {
      await t.client.send(new TagResourceCommand({ ResourceId: 'r-demo', Tags: [{ Key: `k${i}`, Value: 'v' }] }));
    }
    const tags = await t.client.send(new ListTagsForResourceCommand({ ResourceId: 'r-demo' }));
    expect(tags.Tags).toHaveLength(20);
    const rest = await t.client.send(new ListTagsForResourceCommand({ ResourceId: 'r-demo', NextToken: tags.NextToken }));
    expect(rest.Tags).toHaveLength(6);
    expect(rest.NextToken).toBeUndefined();
  });

  it('keeps each item exactly once when an earlier item is deleted between pages', async () => {
    for (let i = 0; i < 6; i += 1) {
      await t.client.send(
        new CreatePolicyCommand({
          Name: `P${i}`,
          Description: '',
          Type: 'AISERVICES_OPT_OUT_POLICY',
          Content: '{"services":{"lex":{"opt_out_policy":{"@@assign":"optIn"}}}}',
        }),
      );
    }
    const names: string[] = [];
    for await (const page of paginateListPolicies({ client: t.client, pageSize: 4 }, { Filter: 'AISERVICES_OPT_OUT_POLICY' })) {
      names.push(...(page.Policies ?? []).map((p) => p.Name ?? ''));
    }
    expect(names).toHaveLength(10);
    expect(new Set(names).size).toBe(10);
  });

  it('pages children and policy targets', async () => {
    const children: string[] = [];
    for await (const page of paginateListChildren({ client: t.client, pageSize: 1 }, { ParentId: 'r-demo', ChildType: 'ORGANIZATIONAL_UNIT' })) {
      children.push(...(page.Children ?? []).map((c) => c.Id ?? ''));
    }
    expect(children).toEqual(['ou-demo-security', 'ou-demo-workloads', 'ou-demo-sandboxes']);
    const targets: string[] = [];
    for await (const page of paginateListTargetsForPolicy({ client: t.client, pageSize: 1 }, { PolicyId: 'p-aioptoutall' })) {
      targets.push(...(page.Targets ?? []).map((c) => c.TargetId ?? ''));
    }
    expect(targets).toEqual(['r-demo']);
  });

  it('refuses a token from another operation or other parameters with INVALID_NEXT_TOKEN', async () => {
    const page = await t.client.send(new ListAccountsCommand({ MaxResults: 1 }));
    await expectAwsError(
      t.client.send(new ListChildrenCommand({ ParentId: 'r-demo', ChildType: 'ACCOUNT', NextToken: page.NextToken })),
      'InvalidInputException',
      'INVALID_NEXT_TOKEN',
    );
    const children = await t.client.send(new ListChildrenCommand({ ParentId: 'r-demo', ChildType: 'ORGANIZATIONAL_UNIT', MaxResults: 1 }));
    await expectAwsError(
      t.client.send(new ListChildrenCommand({ ParentId: 'ou-demo-workloads', ChildType: 'ORGANIZATIONAL_UNIT', NextToken: children.NextToken })),
      'InvalidInputException',
      'INVALID_NEXT_TOKEN',
    );
    const forged = Buffer.from(JSON.stringify({ op: 'ListAccounts', fp: '', last: 'x', off: -3 })).toString('base64url');
    await expectAwsError(t.client.send(new ListAccountsCommand({ NextToken: forged })), 'InvalidInputException', 'INVALID_NEXT_TOKEN');
  });

  it.each([
    ['ListRoots', {}, 'Roots'],
    ['ListAccounts', {}, 'Accounts'],
    ['ListAccountsForParent', { ParentId: 'ou-demo-development' }, 'Accounts'],
    ['ListOrganizationalUnitsForParent', { ParentId: 'ou-demo-workloads' }, 'OrganizationalUnits'],
    ['ListChildren', { ParentId: 'r-demo', ChildType: 'ORGANIZATIONAL_UNIT' }, 'Children'],
    ['ListParents', { ChildId: '444444444444' }, 'Parents'],
    ['ListPolicies', { Filter: 'AISERVICES_OPT_OUT_POLICY' }, 'Policies'],
    ['ListPoliciesForTarget', { TargetId: 'r-demo', Filter: 'AISERVICES_OPT_OUT_POLICY' }, 'Policies'],
    ['ListTargetsForPolicy', { PolicyId: 'p-aioptoutall' }, 'Targets'],
    ['ListCreateAccountStatus', {}, 'CreateAccountStatuses'],
  ] as const)('pages %s one item at a time until NextToken is absent', async (op, input, key) => {
    const seen: string[] = [];
    let token: unknown;
    for (let guard = 0; guard < 50; guard += 1) {
      const res = await rawCall(t.emulator.url, op, JSON.stringify({ ...input, MaxResults: 1, ...(token ? { NextToken: token } : {}) }));
      expect(res.status).toBe(200);
      const items = res.json[key] as unknown[];
      expect(items.length).toBeLessThanOrEqual(1);
      seen.push(...items.map((item) => JSON.stringify(item)));
      token = res.json.NextToken;
      if (token === undefined) break;
    }
    expect(token).toBeUndefined();
    expect(new Set(seen).size).toBe(seen.length);
  });
});
