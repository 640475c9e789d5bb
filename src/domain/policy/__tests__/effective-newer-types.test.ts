import { computeEffectivePolicy } from '../index';
import { account, ou, policy, root } from './harness';

/**
 * Effective policies of the newer management types: the same inheritance operators as every
 * management type ("Child policies can modify parent policies using inheritance operators unless
 * explicitly restricted", Security Hub policy syntax page), applied to the documented shapes.
 */
describe('effective policies of the newer management types', () => {
  const securityHubRoot = policy('p-root', {
    securityhub: {
      enable_in_regions: { '@@append': ['ALL_SUPPORTED'], '@@operators_allowed_for_child_policies': ['@@all'] },
      disable_in_regions: { '@@append': [], '@@operators_allowed_for_child_policies': ['@@all'] },
    },
  });

  it('lets an OU add a Region to disable_in_regions under the documented Security Hub root policy', () => {
    const effective = computeEffectivePolicy('SECURITYHUB_POLICY', [
      root(securityHubRoot),
      ou('ou-eu', policy('p-eu', { securityhub: { disable_in_regions: { '@@append': ['eu-west-1'] } } })),
      account('111111111111'),
    ]);
    expect(effective.content).toEqual({ securityhub: { enable_in_regions: ['ALL_SUPPORTED'], disable_in_regions: ['eu-west-1'] } });
    expect(effective.ignoredChanges).toEqual([]);
  });

  it("applies an account's @@append where the root allows only @@append, and ignores its @@remove where the root allows none", () => {
    const locked = policy('p-root', {
      securityhub: {
        enable_in_regions: { '@@assign': [], '@@operators_allowed_for_child_policies': ['@@append'] },
        disable_in_regions: { '@@assign': ['ALL_SUPPORTED'], '@@operators_allowed_for_child_policies': ['@@none'] },
      },
    });
    const effective = computeEffectivePolicy('SECURITYHUB_POLICY', [
      root(locked),
      account(
        '111111111111',
        policy('p-acct', { securityhub: { enable_in_regions: { '@@append': ['us-east-1'] }, disable_in_regions: { '@@remove': ['ALL_SUPPORTED'] } } }),
      ),
    ]);
    expect(effective.content).toEqual({ securityhub: { enable_in_regions: ['us-east-1'], disable_in_regions: ['ALL_SUPPORTED'] } });
    expect(effective.ignoredChanges).toEqual([
      expect.objectContaining({ path: '$.securityhub.disable_in_regions', operator: '@@remove', nodeId: '111111111111' }),
    ]);
  });

  it('replaces the Regions of one Inspector scan type with an OU @@assign and keeps the others', () => {
    const scan = (enable: string[]) => ({ enable_in_regions: { '@@assign': enable }, disable_in_regions: { '@@assign': [] } });
    const effective = computeEffectivePolicy('INSPECTOR_POLICY', [
      root(policy('p-root', { inspector: { enablement: { ec2_scanning: scan(['us-east-1', 'us-west-2']), ecr_scanning: scan(['us-east-1', 'us-west-2']) } } })),
      ou('ou-dev', policy('p-dev', { inspector: { enablement: { ecr_scanning: scan(['us-east-1']) } } })),
      account('222222222222'),
    ]);
    expect(effective.content).toEqual({
      inspector: {
        enablement: {
          ec2_scanning: { enable_in_regions: ['us-east-1', 'us-west-2'], disable_in_regions: [] },
          ecr_scanning: { enable_in_regions: ['us-east-1'], disable_in_regions: [] },
        },
      },
    });
  });

  it('keeps the root S3 Block Public Access setting when the root forbids child changes', () => {
    const effective = computeEffectivePolicy('S3_POLICY', [
      root(
        policy('p-root', { s3_attributes: { public_access_block_configuration: { '@@assign': 'all', '@@operators_allowed_for_child_policies': ['@@none'] } } }),
      ),
      account('333333333333', policy('p-acct', { s3_attributes: { public_access_block_configuration: { '@@assign': 'none' } } })),
    ]);
    expect(effective.content).toEqual({ s3_attributes: { public_access_block_configuration: 'all' } });
    expect(effective.ignoredChanges).toEqual([expect.objectContaining({ operator: '@@assign', nodeId: '333333333333', lockedByPolicyId: 'p-root' })]);
  });

  it('merges an upgrade rollout default with tag orders from different levels', () => {
    const order = (value: string) => ({ patch_order: { '@@assign': value } });
    const effective = computeEffectivePolicy('UPGRADE_ROLLOUT_POLICY', [
      root(policy('p-root', { upgrade_rollout: { default: order('last') } })),
      ou('ou-dev', policy('p-dev', { upgrade_rollout: { tags: { env: { tag_values: { dev: order('first') } } } } })),
      account('444444444444'),
    ]);
    expect(effective.content).toEqual({
      upgrade_rollout: { default: { patch_order: 'last' }, tags: { env: { tag_values: { dev: { patch_order: 'first' } } } } },
    });
  });

  it('lets an account choose Teams role settings under a root that enables the Teams client (chatbot)', () => {
    const effective = computeEffectivePolicy('CHATBOT_POLICY', [
      root(
        policy('p-root', { chatbot: { platforms: { microsoft_teams: { client: { '@@assign': 'enabled' } }, slack: { client: { '@@assign': 'disabled' } } } } }),
      ),
      account(
        '555555555555',
        policy('p-acct', { chatbot: { platforms: { microsoft_teams: { default: { supported_role_settings: { '@@assign': ['channel_role'] } } } } } }),
      ),
    ]);
    expect(effective.content).toEqual({
      chatbot: { platforms: { microsoft_teams: { client: 'enabled', default: { supported_role_settings: ['channel_role'] } }, slack: { client: 'disabled' } } },
    });
  });
});
