import { READ_UPSTREAM, startTestGateway, type TestGateway } from '../support/gateway-harness';

const AI = 'AISERVICES_OPT_OUT_POLICY';
/** Every shape a mutation can change: the tree, accounts and their parents, policies, attachments, tags, root policy types. */
const EVERYTHING = `{
  roots { id policyTypes { type status } tags { key value } policies(type: ${AI}) { policy { id } }
    children { id ... on OrganizationalUnit { name tags { key value } policies(type: ${AI}) { policy { id } } children { id ... on OrganizationalUnit { name children { id } } } } } }
  accounts(first: 100) { edges { node { id name parent { id } path { id } tags { key value } policies(type: ${AI}) { policy { id } } } } }
  ai: policies(type: ${AI}) { edges { node { id name description content targets { id } tags { key value } } } }
  tag: policies(type: TAG_POLICY) { edges { node { id name targets { id } } } }
  effectivePolicies(type: ${AI}) { account { id } content }
}`;

describe('after every kind of mutation, the mirror answers exactly what AWS answers', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  async function expectMirrorEqualsUpstream(step: string): Promise<void> {
    const [mirror, upstream] = await Promise.all([t.graphql(EVERYTHING), t.graphql(EVERYTHING, undefined, READ_UPSTREAM)]);
    expect(upstream.body.errors).toBeUndefined();
    expect({ step, data: mirror.body.data }).toEqual({ step, data: upstream.body.data });
  }
  async function mutate(query: string, variables?: Record<string, unknown>): Promise<Record<string, any>> {
    const { body } = await t.graphql(query, variables);
    expect(body.errors).toBeUndefined();
    return body.data!;
  }

  it('creates, renames, moves, tags, attaches, detaches, deletes, and disables', async () => {
    await expectMirrorEqualsUpstream('start');
    const ou = (
      await mutate(
        `mutation { createOrganizationalUnit(parentId: "ou-demo-workloads", name: "Mirrored", tags: [{ key: "k", value: "v" }]) { organizationalUnit { id } } }`,
      )
    ).createOrganizationalUnit.organizationalUnit.id;
    await expectMirrorEqualsUpstream('createOrganizationalUnit');
    await mutate(`mutation { renameOrganizationalUnit(id: "${ou}", name: "Mirrored2") { organizationalUnit { id } } }`);
    await expectMirrorEqualsUpstream('renameOrganizationalUnit');
    await mutate(`mutation { moveAccount(accountId: "444444444444", destinationParentId: "${ou}") { account { id } } }`);
    await expectMirrorEqualsUpstream('moveAccount');
    await mutate(`mutation { tagResource(resourceId: "444444444444", tags: [{ key: "team", value: "mirror" }]) { resource { id } } }`);
    await mutate(`mutation { untagResource(resourceId: "${ou}", tagKeys: ["k"]) { resource { id } } }`);
    await expectMirrorEqualsUpstream('tag and untag');
    const policy = (
      await mutate(
        `mutation($c: JSON!) { createPolicy(input: { name: "MirrorStep", description: "d", type: ${AI}, content: $c, tags: [{ key: "p", value: "1" }] }) { policy { id } } }`,
        {
          c: { services: { textract: { opt_out_policy: { '@@assign': 'optIn' } } } },
        },
      )
    ).createPolicy.policy.id;
    await expectMirrorEqualsUpstream('createPolicy');
    await mutate(`mutation { attachPolicy(policyId: "${policy}", targetId: "${ou}") { policy { id } } }`);
    await mutate(`mutation { attachPolicy(policyId: "p-aioptoutall", targetId: "${ou}") { policy { id } } }`);
    await expectMirrorEqualsUpstream('attachPolicy twice (order matters)');
    await mutate(
      `mutation($c: JSON!) { updatePolicy(input: { id: "${policy}", name: "MirrorStep2", content: $c, acknowledge: [STORED_CONTENT_DELETION] }) { policy { id } } }`,
      {
        c: { services: { textract: { opt_out_policy: { '@@assign': 'optOut' } } } },
      },
    );
    await expectMirrorEqualsUpstream('updatePolicy');
    await mutate(`mutation { detachPolicy(policyId: "${policy}", targetId: "${ou}") { policy { id } } }`);
    await mutate(`mutation { deletePolicy(id: "${policy}") { policy { id } } }`);
    await expectMirrorEqualsUpstream('detach and delete');
    await mutate(`mutation { moveAccount(accountId: "444444444444", destinationParentId: "ou-demo-workloads") { account { id } } }`);
    await mutate(`mutation { detachPolicy(policyId: "p-aioptoutall", targetId: "${ou}") { policy { id } } }`);
    await mutate(`mutation { deleteOrganizationalUnit(id: "${ou}") { organizationalUnit { id } } }`);
    await expectMirrorEqualsUpstream('deleteOrganizationalUnit');
    await mutate(`mutation { enablePolicyType(rootId: "r-demo", type: TAG_POLICY) { root { id } } }`);
    await mutate(`mutation($c: JSON!) { createPolicy(input: { name: "TagsMirror", type: TAG_POLICY, content: $c }) { policy { id } } }`, {
      c: { tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' } } } },
    }).then((d) => mutate(`mutation { attachPolicy(policyId: "${d.createPolicy.policy.id}", targetId: "r-demo") { policy { id } } }`));
    await expectMirrorEqualsUpstream('enablePolicyType and a tag policy on the root');
    await mutate(`mutation { disablePolicyType(rootId: "r-demo", type: TAG_POLICY) { root { id } } }`);
    await expectMirrorEqualsUpstream('disablePolicyType detaches its policies');
  });
});
