import { startTestGateway, type TestGateway } from '../support/gateway-harness';
import { auditRows, lastIntent } from './support/audit-rows';
import { countUpstreamCalls } from './support/upstream-stats';

const AI = 'AISERVICES_OPT_OUT_POLICY';
const optIn = (service: string) => ({ services: { [service]: { opt_out_policy: { '@@assign': 'optIn' } } } });

const CREATE = `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { policy { id name description type content contentHash tags { key value } } auditEventId } }`;
const UPDATE = `mutation($input: UpdatePolicyInput!) { updatePolicy(input: $input) { policy { id name content contentHash } auditEventId } }`;
const ATTACH = `mutation($p: ID!, $t: ID!, $k: String) { attachPolicy(policyId: $p, targetId: $t, idempotencyKey: $k) { policy { id targets { id } } target { id policies(type: ${AI}) { policy { id } } } auditEventId } }`;
// Detaching an opt-in from below the demo root's opt-out-of-everything deletes stored content: acknowledged.
const DETACH = `mutation($p: ID!, $t: ID!) { detachPolicy(policyId: $p, targetId: $t, acknowledge: [STORED_CONTENT_DELETION]) { policy { id targets { id } } target { id } auditEventId } }`;

describe('changing the organization through GraphQL mutations, each recorded in the audit log', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  const data = (query: string, variables?: Record<string, unknown>) => t.data(query, variables);
  async function errorOf(query: string, variables?: Record<string, unknown>) {
    const { body } = await t.graphql(query, variables);
    expect(body.errors).toHaveLength(1);
    return body.errors![0]!;
  }

  it('enables and disables a policy type on the root', async () => {
    const enabled = await data(`mutation { enablePolicyType(rootId: "r-demo", type: TAG_POLICY) { root { policyTypes { type status } } auditEventId } }`);
    expect(enabled.enablePolicyType.root.policyTypes).toContainEqual({ type: 'TAG_POLICY', status: 'ENABLED' });
    const disabled = await data(`mutation { disablePolicyType(rootId: "r-demo", type: TAG_POLICY) { root { policyTypes { type } } auditEventId } }`);
    expect(disabled.disablePolicyType.root.policyTypes).not.toContainEqual({ type: 'TAG_POLICY' });
    const [intent, result] = await auditRows(t, disabled.disablePolicyType.auditEventId);
    expect(intent).toMatchObject({ operation: 'disablePolicyType', upstreamAction: 'DisablePolicyType', targetId: 'r-demo', policyType: 'TAG_POLICY' });
    expect(result).toMatchObject({ kind: 'RESULT', outcome: 'SUCCEEDED' });
  });

  it('creates, updates with the content hash it read, and deletes a policy', async () => {
    const created = (
      await data(CREATE, { input: { name: 'LexIn', description: 'lex', type: AI, content: optIn('lex'), tags: [{ key: 'team', value: 'ml' }] } })
    ).createPolicy;
    expect(created.policy).toMatchObject({ name: 'LexIn', description: 'lex', type: AI, content: optIn('lex'), tags: [{ key: 'team', value: 'ml' }] });
    const [createIntent, createResult] = await auditRows(t, created.auditEventId);
    expect(createIntent).toMatchObject({ operation: 'createPolicy', upstreamAction: 'CreatePolicy', policyType: AI });
    expect(createResult).toMatchObject({ outcome: 'SUCCEEDED', policyId: created.policy.id });

    const updated = (
      await data(UPDATE, {
        input: {
          id: created.policy.id,
          name: 'LexAndPollyIn',
          content: '{"services":{"polly":{"opt_out_policy":{"@@assign":"optIn"}}}}',
          expectedContentHash: created.policy.contentHash,
        },
      })
    ).updatePolicy;
    expect(updated.policy).toMatchObject({ name: 'LexAndPollyIn', content: optIn('polly') });
    expect(updated.policy.contentHash).not.toBe(created.policy.contentHash);
    const [updateIntent] = await auditRows(t, updated.auditEventId);
    expect(updateIntent!.stateBefore).toMatchObject({ policy: { name: 'LexIn', content: optIn('lex') } });

    const deleted = (await data(`mutation($id: ID!) { deletePolicy(id: $id) { policy { id name } auditEventId } }`, { id: created.policy.id })).deletePolicy;
    expect(deleted.policy).toEqual({ id: created.policy.id, name: 'LexAndPollyIn' });
    const { body } = await t.graphql(`query($id: ID!) { policy(id: $id) { id } }`, { id: created.policy.id });
    expect(body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('refuses an update with CONFLICT when the content changed since the caller read it', async () => {
    const { policy } = (await data(CREATE, { input: { name: 'Contended', type: AI, content: optIn('lex') } })).createPolicy;
    await data(UPDATE, { input: { id: policy.id, content: optIn('polly') } });
    const calls = await countUpstreamCalls(t.gateway.emulatorUrl!, () =>
      errorOf(UPDATE, { input: { id: policy.id, content: optIn('translate'), expectedContentHash: policy.contentHash } }),
    );
    expect(calls.result.extensions).toMatchObject({
      code: 'CONFLICT',
      expectedContentHash: policy.contentHash,
      currentContentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(calls.stats.calls.UpdatePolicy).toBeUndefined();
    const intent = await lastIntent(t, 'updatePolicy');
    expect(intent!.results[0]).toMatchObject({ outcome: 'FAILED', errorCode: 'CONFLICT' });
    expect((await data(`query($id: ID!) { policy(id: $id) { content } }`, { id: policy.id })).policy.content).toEqual(optIn('polly'));
  });

  it('refuses a malformed document with POLICY_MALFORMED and its diagnostics, records the attempt, and sends nothing upstream', async () => {
    const bad = { services: { lex: { opt_out_policy: { '@@append': 'optIn' } } } };
    const { result: error, stats } = await countUpstreamCalls(t.gateway.emulatorUrl!, () =>
      errorOf(CREATE, { input: { name: 'Broken', type: AI, content: bad } }),
    );
    expect(error.extensions!.code).toBe('POLICY_MALFORMED');
    expect(error.extensions!.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'ERROR', code: 'OPERATOR_NOT_ALLOWED', path: expect.stringContaining('$.services.lex.opt_out_policy') }),
    );
    expect(stats.total).toBe(0);
    const intent = await lastIntent(t, 'createPolicy');
    expect(intent).toMatchObject({ arguments: expect.objectContaining({ name: 'Broken' }) });
    expect(intent!.results[0]).toMatchObject({ outcome: 'FAILED', errorCode: 'POLICY_MALFORMED' });

    const updateError = await countUpstreamCalls(t.gateway.emulatorUrl!, () => errorOf(UPDATE, { input: { id: 'p-allowlexoptin', content: '{"services": ' } }));
    expect(updateError.result.extensions!.code).toBe('POLICY_MALFORMED');
    expect(updateError.stats.calls.UpdatePolicy).toBeUndefined();
  });

  it('attaches a policy last in the target order and detaches it, with the target state in the audit log', async () => {
    const attached = (await data(ATTACH, { p: 'p-rekognitionin', t: 'ou-demo-sandboxes' })).attachPolicy;
    expect(attached.policy.targets).toEqual([{ id: 'ou-demo-sandboxes' }]);
    expect(attached.target.policies).toEqual([{ policy: { id: 'p-rekognitionin' } }]);
    const [intent, result] = await auditRows(t, attached.auditEventId);
    expect(intent).toMatchObject({
      operation: 'attachPolicy',
      targetType: 'ORGANIZATIONAL_UNIT',
      targetId: 'ou-demo-sandboxes',
      policyId: 'p-rekognitionin',
      policyType: AI,
      stateBefore: { attachments: [] },
    });
    expect(result!.stateAfter).toMatchObject({ attachments: [{ id: 'p-rekognitionin' }], effectivePolicies: { '101010101010': expect.any(Object) } });

    const effective = await data(`{ account(id: "101010101010") { effectivePolicy(type: ${AI}) { content } } }`);
    expect(effective.account.effectivePolicy.content.services.rekognition).toEqual({ opt_out_policy: 'optIn' });

    const detached = (await data(DETACH, { p: 'p-rekognitionin', t: 'ou-demo-sandboxes' })).detachPolicy;
    expect(detached.policy.targets).toEqual([]);
  });

  it('passes the idempotency key, so a retried attach returns the first result and attaches once', async () => {
    const first = (await data(ATTACH, { p: 'p-rekognitionin', t: '777777777777', k: 'attach-rekognition-777' })).attachPolicy;
    const retry = await countUpstreamCalls(t.gateway.emulatorUrl!, () =>
      data(ATTACH, { p: 'p-rekognitionin', t: '777777777777', k: 'attach-rekognition-777' }),
    );
    expect(retry.result.attachPolicy.auditEventId).toBe(first.auditEventId);
    expect(retry.stats.calls.AttachPolicy).toBeUndefined();
    const intent = (await auditRows(t, first.auditEventId))[0];
    expect(intent!.idempotencyKey).toBe('attach-rekognition-777');
  });

  it('answers DUPLICATE_ATTACHMENT for a policy already attached there', async () => {
    const error = await errorOf(ATTACH, { p: 'p-aioptoutall', t: 'r-demo' });
    expect(error.extensions).toMatchObject({ code: 'DUPLICATE_ATTACHMENT', upstreamException: 'DuplicatePolicyAttachmentException' });
  });

  it('answers POLICY_TYPE_NOT_ENABLED when attaching a policy whose type the root does not enable', async () => {
    const tagPolicy = { tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' } } } };
    const { policy } = (await data(CREATE, { input: { name: 'CostCenterTag', type: 'TAG_POLICY', content: tagPolicy } })).createPolicy;
    const error = await errorOf(ATTACH, { p: policy.id, t: 'r-demo' });
    expect(error.extensions!.code).toBe('POLICY_TYPE_NOT_ENABLED');
  });

  it('creates, renames and deletes an OU, and answers CONSTRAINT_VIOLATION with the reason past five levels', async () => {
    const OU = `mutation($parent: ID!, $name: String!) { createOrganizationalUnit(parentId: $parent, name: $name, tags: [{ key: "k", value: "v" }]) { organizationalUnit { id name parent { id } tags { key } } auditEventId } }`;
    const level4 = (await data(OU, { parent: 'ou-demo-payments', name: 'Cards' })).createOrganizationalUnit;
    expect(level4.organizationalUnit).toMatchObject({ name: 'Cards', parent: { id: 'ou-demo-payments' }, tags: [{ key: 'k' }] });
    const level5 = (await data(OU, { parent: level4.organizationalUnit.id, name: 'Issuing' })).createOrganizationalUnit;
    const tooDeep = await errorOf(OU, { parent: level5.organizationalUnit.id, name: 'TooDeep' });
    expect(tooDeep.extensions).toMatchObject({ code: 'CONSTRAINT_VIOLATION', reason: 'OU_DEPTH_LIMIT_EXCEEDED' });

    const renamed = (
      await data(`mutation($id: ID!) { renameOrganizationalUnit(id: $id, name: "Card Issuing") { organizationalUnit { id name path { id } } auditEventId } }`, {
        id: level5.organizationalUnit.id,
      })
    ).renameOrganizationalUnit;
    expect(renamed.organizationalUnit.name).toBe('Card Issuing');
    expect(renamed.organizationalUnit.path.map((n: { id: string }) => n.id)).toEqual([
      'r-demo',
      'ou-demo-workloads',
      'ou-demo-production',
      'ou-demo-payments',
      level4.organizationalUnit.id,
    ]);
    const [renameIntent] = await auditRows(t, renamed.auditEventId);
    expect(renameIntent!.stateBefore).toMatchObject({ organizationalUnit: { name: 'Issuing' } });

    const notEmpty = await errorOf(`mutation($id: ID!) { deleteOrganizationalUnit(id: $id) { auditEventId } }`, { id: level4.organizationalUnit.id });
    expect(notEmpty.extensions!.code).toBe('NOT_EMPTY');
    const deleted = (
      await data(`mutation($id: ID!) { deleteOrganizationalUnit(id: $id) { organizationalUnit { id name } auditEventId } }`, {
        id: level5.organizationalUnit.id,
      })
    ).deleteOrganizationalUnit;
    expect(deleted.organizationalUnit.name).toBe('Card Issuing');
  });

  it('moves an account, looking its current parent up, and its effective policy follows', async () => {
    const moved = (
      await data(
        `mutation { moveAccount(accountId: "101010101010", destinationParentId: "ou-demo-mlplatform") { account { id parent { id } effectivePolicy(type: ${AI}) { content } } auditEventId } }`,
      )
    ).moveAccount;
    expect(moved.account.parent).toEqual({ id: 'ou-demo-mlplatform' });
    expect(moved.account.effectivePolicy.content.services.lex).toEqual({ opt_out_policy: 'optIn' });
    const [intent] = await auditRows(t, moved.auditEventId);
    expect(intent!.stateBefore).toEqual({ account: { id: '101010101010', parentId: 'ou-demo-sandboxes' } });
  });

  it('tags and untags a resource', async () => {
    const tagged = (
      await data(
        `mutation { tagResource(resourceId: "p-aioptoutall", tags: [{ key: "reviewed", value: "2026" }]) { resource { __typename ... on Policy { tags { key value } } } auditEventId } }`,
      )
    ).tagResource;
    expect(tagged.resource).toEqual({ __typename: 'Policy', tags: [{ key: 'reviewed', value: '2026' }] });
    const untagged = (
      await data(`mutation { untagResource(resourceId: "p-aioptoutall", tagKeys: ["reviewed"]) { resource { ... on Policy { tags { key } } } auditEventId } }`)
    ).untagResource;
    expect(untagged.resource.tags).toEqual([]);
    const [intent] = await auditRows(t, untagged.auditEventId);
    expect(intent!.stateBefore).toEqual({ tags: [{ key: 'reviewed', value: '2026' }] });
  });

  it('answers NOT_FOUND for a change to something that does not exist, and records the failed attempt', async () => {
    const error = await errorOf(`mutation { deletePolicy(id: "p-doesnotexist") { auditEventId } }`);
    expect(error.extensions!.code).toBe('NOT_FOUND');
    const intent = await lastIntent(t, 'deletePolicy');
    expect(intent!.results[0]).toMatchObject({ outcome: 'FAILED', errorCode: 'NOT_FOUND' });
  });
});
