import { startTestGateway, type TestGateway } from '../support/gateway-harness';

/** Waits until `read` returns a value `done` accepts, polling; fails after `ms`. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the newer management policy types through GraphQL', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  it.each([
    ['SECURITYHUB_POLICY', { securityhub: { enable_in_regions: { '@@append': ['ALL_SUPPORTED'] }, disable_in_regions: { '@@append': [] } } }],
    ['CHATBOT_POLICY', { chatbot: { platforms: { slack: { client: { '@@assign': 'enabled' }, workspaces: { '@@assign': ['T0123'] } } } } }],
  ])('enables %s, attaches a documented policy to the root and computes the effective policy AWS describes', async (type, content) => {
    await t.data(`mutation { enablePolicyType(rootId: "r-demo", type: ${type}) { auditEventId } }`);
    const created = await t.data(`mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { policy { id } } }`, {
      input: { name: `root-${type}`, type, content },
    });
    await t.data(`mutation($id: ID!) { attachPolicy(policyId: $id, targetId: "r-demo") { auditEventId } }`, { id: created.createPolicy.policy.id });
    const query = `{ computed: effectivePolicy(accountId: "222222222222", type: ${type}) { content }
                     upstream: effectivePolicy(accountId: "222222222222", type: ${type}, source: UPSTREAM) { content } }`;
    const result = await eventually(
      () => t.data(query),
      (r) => r.computed?.content != null && JSON.stringify(r.computed.content) === JSON.stringify(r.upstream.content),
    );
    expect(result.upstream.content).not.toBeNull();
    expect(result.computed.content).toEqual(result.upstream.content);
  });

  it('validates a newer type against its syntax: errors for documented value sets, warnings for unknown keys', async () => {
    const result = await t.data(
      `query($bad: JSON!, $unknown: JSON!) {
        bad: validatePolicy(type: S3_POLICY, content: $bad) { valid diagnostics { severity code path } }
        unknown: validatePolicy(type: INSPECTOR_POLICY, content: $unknown) { valid diagnostics { severity code path } }
      }`,
      {
        bad: { s3_attributes: { public_access_block_configuration: { '@@assign': 'some' } } },
        unknown: { inspector: { enablement: { gpu_scanning: { enable_in_regions: { '@@assign': [] }, disable_in_regions: { '@@assign': [] } } } } },
      },
    );
    expect(result.bad).toEqual({
      valid: false,
      diagnostics: [{ severity: 'ERROR', code: 'INVALID_VALUE', path: '$.s3_attributes.public_access_block_configuration.@@assign' }],
    });
    expect(result.unknown).toEqual({ valid: true, diagnostics: [{ severity: 'WARNING', code: 'UNKNOWN_KEY', path: '$.inspector.enablement.gpu_scanning' }] });
  });
});
