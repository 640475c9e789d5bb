import { problems } from './problems';

describe('validatePolicy for upgrade rollout policies (orgs_manage_policies_upgrade_syntax)', () => {
  const order = (value: unknown) => ({ patch_order: { '@@assign': value } });

  it.each<[string, unknown, string[]]>([
    [
      'accepts the basic structure: a default order and orders by tag value',
      { upgrade_rollout: { default: order('last'), tags: { devtag: { tag_values: { tag1: order('first'), tag2: order('second'), tag3: order('last') } } } } },
      [],
    ],
    [
      'rejects an order outside first, second and last',
      { upgrade_rollout: { default: order('third') } },
      ['ERROR INVALID_VALUE $.upgrade_rollout.default.patch_order.@@assign'],
    ],
    [
      'rejects a capitalised order with a hint',
      { upgrade_rollout: { default: order('First') } },
      ['ERROR INVALID_VALUE $.upgrade_rollout.default.patch_order.@@assign'],
    ],
    [
      'requires tag_values under a tag key',
      { upgrade_rollout: { tags: { env: { prod: order('last') } } } },
      ['WARNING UNKNOWN_KEY $.upgrade_rollout.tags.env.prod', 'ERROR MISSING_KEY $.upgrade_rollout.tags.env.tag_values'],
    ],
    [
      'rejects a policy over the 5,120 limit',
      { upgrade_rollout: { default: order('last'), x: 'y'.repeat(5_200) } },
      ['ERROR CONTENT_TOO_LONG $', 'WARNING UNKNOWN_KEY $.upgrade_rollout.x', 'ERROR MISSING_OPERATOR $.upgrade_rollout.x'],
    ],
  ])('%s', (_title, doc, expected) => {
    expect(problems('UPGRADE_ROLLOUT_POLICY', doc)).toEqual(expected);
  });
});
