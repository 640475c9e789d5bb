import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DescribeEffectivePolicyCommand,
  DetachPolicyCommand,
  MoveAccountCommand,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations';
import type { EffectivePolicyType } from '@aws-sdk/client-organizations';
import { expectAwsError, manualClock, startTestEmulator } from './harness';
import type { TestEmulator } from './harness';

const AI = 'AISERVICES_OPT_OUT_POLICY';
const SEEDED = new Date('2024-01-15T09:00:00Z');

describe('DescribeEffectivePolicy', () => {
  let t: TestEmulator;
  const clock = manualClock('2025-03-01T12:00:00Z');
  beforeEach(async () => {
    t = await startTestEmulator({ seed: 'demo', now: clock.now });
  });
  afterEach(() => t.close());

  const effective = async (TargetId?: string) =>
    (await t.client.send(new DescribeEffectivePolicyCommand({ PolicyType: AI, ...(TargetId ? { TargetId } : {}) }))).EffectivePolicy;
  const content = async (TargetId?: string) => JSON.parse((await effective(TargetId))?.PolicyContent ?? 'null') as unknown;

  it('merges root, OU and account policies in path order, rendered without operators', async () => {
    expect(await content('888888888888')).toEqual({
      services: { default: { opt_out_policy: 'optOut' }, comprehend: { opt_out_policy: 'optOut' }, lex: { opt_out_policy: 'optIn' } },
    });
    expect(await content('222222222222')).toEqual({ services: { default: { opt_out_policy: 'optOut' } } });
    expect(await effective('888888888888')).toMatchObject({ TargetId: '888888888888', PolicyType: AI, LastUpdatedTimestamp: SEEDED });
  });

  it('applies to the management account, which is the default target', async () => {
    expect(await effective()).toMatchObject({ TargetId: '111111111111' });
    expect(await content()).toEqual({ services: { default: { opt_out_policy: 'optOut' } } });
  });

  it('ignores a child change to a setting the parent locked with @@none', async () => {
    const { Policy } = await t.client.send(
      new CreatePolicyCommand({
        Name: 'ComprehendIn',
        Description: '',
        Type: AI,
        Content: JSON.stringify({ services: { comprehend: { opt_out_policy: { '@@assign': 'optIn' } } } }),
      }),
    );
    await t.client.send(new AttachPolicyCommand({ PolicyId: Policy?.PolicySummary?.Id, TargetId: '444444444444' }));
    expect(((await content('444444444444')) as { services: Record<string, unknown> }).services.comprehend).toEqual({ opt_out_policy: 'optOut' });
  });

  it('dates LastUpdatedTimestamp at the latest attach, detach, content update or move on the path', async () => {
    clock.advance(1000);
    await t.client.send(new AttachPolicyCommand({ PolicyId: 'p-rekognitionin', TargetId: '666666666666' }));
    expect((await effective('666666666666'))?.LastUpdatedTimestamp).toEqual(clock.now());
    expect((await effective('777777777777'))?.LastUpdatedTimestamp).toEqual(SEEDED);
    clock.advance(1000);
    await t.client.send(new UpdatePolicyCommand({ PolicyId: 'p-allowlexoptin', Description: 'only the description' }));
    expect((await effective('888888888888'))?.LastUpdatedTimestamp).toEqual(SEEDED);
    await t.client.send(
      new UpdatePolicyCommand({ PolicyId: 'p-allowlexoptin', Content: JSON.stringify({ services: { lex: { opt_out_policy: { '@@assign': 'optOut' } } } }) }),
    );
    expect((await effective('888888888888'))?.LastUpdatedTimestamp).toEqual(clock.now());
    clock.advance(1000);
    await t.client.send(new MoveAccountCommand({ AccountId: '777777777777', SourceParentId: 'ou-demo-development', DestinationParentId: 'r-demo' }));
    expect((await effective('777777777777'))?.LastUpdatedTimestamp).toEqual(clock.now());
    clock.advance(1000);
    await t.client.send(new DetachPolicyCommand({ PolicyId: 'p-rekognitionin', TargetId: '666666666666' }));
    expect((await effective('666666666666'))?.LastUpdatedTimestamp).toEqual(clock.now());
  });

  it('refuses a root or OU target with TARGET_NOT_SUPPORTED', async () => {
    for (const TargetId of ['r-demo', 'ou-demo-workloads']) {
      await expectAwsError(t.client.send(new DescribeEffectivePolicyCommand({ PolicyType: AI, TargetId })), 'InvalidInputException', 'TARGET_NOT_SUPPORTED');
    }
  });

  it('has no effective policy for SCPs or RCPs', async () => {
    for (const type of ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']) {
      await expectAwsError(
        t.client.send(new DescribeEffectivePolicyCommand({ PolicyType: type as EffectivePolicyType, TargetId: '222222222222' })),
        'InvalidInputException',
        'INVALID_ENUM_POLICY_TYPE',
      );
    }
  });

  it('reports EffectivePolicyNotFoundException when the type is not enabled or nothing applies', async () => {
    await expectAwsError(
      t.client.send(new DescribeEffectivePolicyCommand({ PolicyType: 'TAG_POLICY', TargetId: '222222222222' })),
      'EffectivePolicyNotFoundException',
    );
    await t.client.send(new DetachPolicyCommand({ PolicyId: 'p-aioptoutall', TargetId: 'r-demo' }));
    await expectAwsError(t.client.send(new DescribeEffectivePolicyCommand({ PolicyType: AI, TargetId: '222222222222' })), 'EffectivePolicyNotFoundException');
    await expectAwsError(t.client.send(new DescribeEffectivePolicyCommand({ PolicyType: AI, TargetId: '000000000000' })), 'TargetNotFoundException');
  });
});
