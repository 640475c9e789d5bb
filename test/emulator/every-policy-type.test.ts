import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DescribeEffectivePolicyCommand,
  EffectivePolicyType,
  EnablePolicyTypeCommand,
  ListRootsCommand,
  PolicyType,
} from '@aws-sdk/client-organizations';
import { expectAwsError, startTestEmulator } from './harness';
import type { TestEmulator } from './harness';

/** A member account of the demo organization. */
const ACCOUNT = '222222222222';

/** Documented example policies of the newer management types and the effective policy each gives when attached to the root. */
const EXAMPLES: Array<[PolicyType, unknown, unknown]> = [
  [
    'SECURITYHUB_POLICY',
    { securityhub: { enable_in_regions: { '@@assign': ['ALL_SUPPORTED'] }, disable_in_regions: { '@@assign': [] } } },
    { securityhub: { enable_in_regions: ['ALL_SUPPORTED'], disable_in_regions: [] } },
  ],
  [
    'BEDROCK_POLICY',
    {
      bedrock: {
        guardrail_inference: {
          'us-east-1': {
            config_1: { identifier: { '@@assign': 'arn:aws:bedrock:us-east-1:123456789012:guardrail/hu1dlsv9wy1d:1' }, input_tags: { '@@assign': 'honor' } },
          },
        },
      },
    },
    {
      bedrock: {
        guardrail_inference: {
          'us-east-1': { config_1: { identifier: 'arn:aws:bedrock:us-east-1:123456789012:guardrail/hu1dlsv9wy1d:1', input_tags: 'honor' } },
        },
      },
    },
  ],
  [
    'S3_POLICY',
    { s3_attributes: { public_access_block_configuration: { '@@assign': 'all' } } },
    { s3_attributes: { public_access_block_configuration: 'all' } },
  ],
  [
    'DECLARATIVE_POLICY_EC2',
    {
      ec2_attributes: {
        vpc_block_public_access: { internet_gateway_block: { mode: { '@@assign': 'block_ingress' }, exclusions_allowed: { '@@assign': 'enabled' } } },
      },
    },
    { ec2_attributes: { vpc_block_public_access: { internet_gateway_block: { mode: 'block_ingress', exclusions_allowed: 'enabled' } } } },
  ],
  [
    'UPGRADE_ROLLOUT_POLICY',
    { upgrade_rollout: { default: { patch_order: { '@@assign': 'last' } } } },
    { upgrade_rollout: { default: { patch_order: 'last' } } },
  ],
];

describe('every policy type of the SDK model in the emulator', () => {
  let t: TestEmulator;
  let rootId: string;
  beforeAll(async () => {
    t = await startTestEmulator({ seed: 'demo' });
    rootId = (await t.client.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    for (const type of Object.values(PolicyType).filter((type) => type !== 'AISERVICES_OPT_OUT_POLICY')) {
      await t.client.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: type }));
    }
  });
  afterAll(() => t.close());

  it('enables each type the SDK knows (the demo seed enables AI opt-out, EnablePolicyType the others)', async () => {
    const { Roots } = await t.client.send(new ListRootsCommand({}));
    const enabled = Roots![0]!.PolicyTypes!.filter((p) => p.Status === 'ENABLED').map((p) => p.Type);
    expect([...enabled].sort()).toEqual(Object.values(PolicyType).sort());
  });

  it.each(EXAMPLES)('creates, attaches and describes the effective %s policy', async (type, doc, expected) => {
    const { Policy } = await t.client.send(new CreatePolicyCommand({ Name: `example-${type}`, Description: '', Type: type, Content: JSON.stringify(doc) }));
    await t.client.send(new AttachPolicyCommand({ PolicyId: Policy!.PolicySummary!.Id, TargetId: rootId }));
    const { EffectivePolicy } = await t.client.send(new DescribeEffectivePolicyCommand({ PolicyType: type as EffectivePolicyType, TargetId: ACCOUNT }));
    expect(JSON.parse(EffectivePolicy!.PolicyContent!)).toEqual(expected);
  });

  it('refuses a document that breaks the type syntax as MalformedPolicyDocumentException', async () => {
    const content = JSON.stringify({ s3_attributes: { public_access_block_configuration: { '@@assign': 'BlockPublicAcls' } } });
    await expectAwsError(
      t.client.send(new CreatePolicyCommand({ Name: 'bad-s3', Description: '', Type: 'S3_POLICY', Content: content })),
      'MalformedPolicyDocumentException',
    );
  });

  it('answers DescribeEffectivePolicy for every EffectivePolicyType, with EffectivePolicyNotFoundException where nothing applies', async () => {
    const attached = new Set<string>(EXAMPLES.map(([type]) => type));
    for (const type of Object.values(EffectivePolicyType).filter((type) => !attached.has(type) && type !== 'AISERVICES_OPT_OUT_POLICY')) {
      await expectAwsError(t.client.send(new DescribeEffectivePolicyCommand({ PolicyType: type, TargetId: ACCOUNT })), 'EffectivePolicyNotFoundException');
    }
  });

  it('accepts a policy of a type orgql has no syntax for, whose top-level keys are only warnings', async () => {
    const content = JSON.stringify({ guardduty: { default: { foundational: { '@@assign': 'enabled' } } } });
    const { Policy } = await t.client.send(new CreatePolicyCommand({ Name: 'guardduty', Description: '', Type: 'GUARDDUTY_POLICY', Content: content }));
    expect(Policy?.PolicySummary?.Type).toBe('GUARDDUTY_POLICY');
  });
});
