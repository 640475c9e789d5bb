import { computeEffectivePolicy, renderEffectivePolicy, validatePolicy } from '../index';
import { account, ou, policy, root } from './harness';

/**
 * The user guide's worked examples, with their documented results.
 * Tag examples: "Policy syntax and inheritance for management policy types" → "Policy inheritance
 * examples" (Examples 1-6). AI opt-out: "AI services opt-out policy syntax and examples" and the
 * create-policy CLI example.
 */
const A = policy('p-A', { tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' }, tag_value: { '@@assign': ['Development', 'Support'] } } } });
const B = policy('p-B', {
  tags: {
    costcenter: {
      tag_key: { '@@assign': 'CostCenter' },
      tag_value: { '@@assign': ['Sandbox'] },
      enforced_for: { '@@assign': ['redshift:*', 'dynamodb:table'] },
    },
  },
});
const C = policy('p-C', {
  tags: {
    costcenter: {
      tag_key: { '@@assign': 'CostCenter' },
      tag_value: { '@@append': ['Marketing'] },
      enforced_for: { '@@append': ['redshift:*', 'dynamodb:table'] },
    },
  },
});
// The guide nests enforced_for inside tag_value in policy D, a typo that its own grammar rejects;
// the documented result ("Compliance is not enforced") matches enforced_for as a sibling.
const D = policy('p-D', {
  tags: {
    costcenter: {
      tag_key: { '@@assign': 'CostCenter' },
      tag_value: { '@@remove': ['Development', 'Marketing'] },
      enforced_for: { '@@remove': ['redshift:*', 'dynamodb:table'] },
    },
  },
});
const E = policy('p-E', {
  tags: {
    project: {
      tag_key: { '@@operators_allowed_for_child_policies': ['@@none'], '@@assign': 'Project' },
      tag_value: { '@@operators_allowed_for_child_policies': ['@@append'], '@@assign': ['Maintenance', 'Escalations'] },
    },
  },
});
const F = policy('p-F', { tags: { project: { tag_key: { '@@assign': 'PROJECT' }, tag_value: { '@@append': ['Escalations - research'] } } } });
const G = policy('p-G', { tags: { project: { tag_value: { '@@operators_allowed_for_child_policies': ['@@append'], '@@assign': ['Maintenance'] } } } });
const H = policy('p-H', { tags: { project: { tag_value: { '@@operators_allowed_for_child_policies': ['@@append', '@@remove'] } } } });
const J = policy('p-J', { tags: { project: { tag_key: { '@@assign': 'PROJECT' }, tag_value: { '@@append': ['Maintenance'] } } } });
const K = policy('p-K', { tags: { project: { tag_key: { '@@assign': 'project' } } } });

describe('documented tag policy inheritance examples', () => {
  it.each(Object.entries({ A, B, C, D, E, F, G, H, J, K }))('accepts policy %s of the examples', (_name, p) => {
    expect(validatePolicy('TAG_POLICY', p.content)).toEqual({ valid: true, diagnostics: [] });
  });

  it('Example 1: a child @@assign overwrites the inherited tag values and adds enforced_for', () => {
    const effective = computeEffectivePolicy('TAG_POLICY', [root(A), ou('ou-1', B), account('111111111111')]);
    expect(effective.content).toEqual({
      tags: { costcenter: { tag_key: 'CostCenter', tag_value: ['Sandbox'], enforced_for: ['redshift:*', 'dynamodb:table'] } },
    });
  });

  it('Example 2: @@append adds the child values after the inherited ones', () => {
    const effective = computeEffectivePolicy('TAG_POLICY', [root(A), ou('ou-2', C), account('999999999999')]);
    expect(effective.content).toEqual({
      tags: {
        costcenter: {
          tag_key: 'CostCenter',
          tag_value: ['Development', 'Support', 'Marketing'],
          enforced_for: ['redshift:*', 'dynamodb:table'],
        },
      },
    });
  });

  it('Example 3: @@remove at the account leaves Support and drops the emptied enforced_for', () => {
    const effective = computeEffectivePolicy('TAG_POLICY', [root(A), ou('ou-2', C), account('999999999999', D)]);
    expect(renderEffectivePolicy(effective.content!)).toBe('{"tags":{"costcenter":{"tag_key":"CostCenter","tag_value":["Support"]}}}');
  });

  it('Example 4: the child cannot change a tag_key locked with @@none but can append values', () => {
    // The guide prints "project" but its text says policy F "can't" change the key; we follow the text.
    const effective = computeEffectivePolicy('TAG_POLICY', [root(E), ou('ou-1', F), account('111111111111')]);
    expect(effective.content).toEqual({ tags: { project: { tag_key: 'Project', tag_value: ['Maintenance', 'Escalations', 'Escalations - research'] } } });
    expect(effective.ignoredChanges).toEqual([
      expect.objectContaining({
        kind: 'LOCKED_BY_PARENT',
        path: '$.tags.project.tag_key',
        operator: '@@assign',
        attemptedValue: 'PROJECT',
        policyId: 'p-F',
        nodeId: 'ou-1',
        lockedByPolicyId: 'p-E',
        lockedAtNodeId: 'r-root',
        allowedOperators: [],
      }),
    ]);
  });

  it('Example 5: same-node child-control lists intersect, so a child may append but not remove', () => {
    const child = policy('p-child', { tags: { project: { tag_value: { '@@remove': ['Maintenance'] } } } });
    const appender = policy('p-app', { tags: { project: { tag_value: { '@@append': ['Research'] } } } });
    const removed = computeEffectivePolicy('TAG_POLICY', [root(G, H), account('a-1', child)]);
    expect(removed.content).toEqual({ tags: { project: { tag_value: ['Maintenance'] } } });
    expect(removed.ignoredChanges[0]).toMatchObject({
      kind: 'LOCKED_BY_PARENT',
      operator: '@@remove',
      allowedOperators: ['@@append'],
      lockedByPolicyId: 'p-G',
    });
    const appended = computeEffectivePolicy('TAG_POLICY', [root(G, H), account('a-1', appender)]);
    expect(appended.content).toEqual({ tags: { project: { tag_value: ['Maintenance', 'Research'] } } });
  });

  it('Example 6: for a conflicting @@assign on the same node the first attached policy wins', () => {
    // The guide prints " PROJECT" with a stray space; the value policy J assigns is "PROJECT".
    const effective = computeEffectivePolicy('TAG_POLICY', [root(J, K), account('a-1')]);
    expect(effective.content).toEqual({ tags: { project: { tag_key: 'PROJECT', tag_value: ['Maintenance'] } } });
    expect(effective.ignoredChanges).toEqual([
      expect.objectContaining({
        kind: 'SAME_NODE_CONFLICT',
        policyId: 'p-K',
        nodeId: 'r-root',
        firstAttachedPolicyId: 'p-J',
        firstAttachedPolicyName: 'Policy p-J',
      }),
    ]);
    expect(effective.ignoredChanges[0]).not.toHaveProperty('lockedByPolicyId');
    const swapped = computeEffectivePolicy('TAG_POLICY', [root(K, J), account('a-1')]);
    expect(swapped.content).toEqual({ tags: { project: { tag_key: 'project', tag_value: ['Maintenance'] } } });
  });
});

const aiBasic = policy('p-basic', {
  services: { rekognition: { opt_out_policy: { '@@assign': 'optOut' } }, lex: { opt_out_policy: { '@@assign': 'optIn' } } },
});
const aiRoot = policy('p-root', {
  services: {
    default: { opt_out_policy: { '@@assign': 'optOut' } },
    comprehend: { opt_out_policy: { '@@operators_allowed_for_child_policies': ['@@none'], '@@assign': 'optOut' } },
    rekognition: { opt_out_policy: { '@@assign': 'optIn' } },
  },
});
const optOutOfAll = policy('p-all', {
  services: {
    '@@operators_allowed_for_child_policies': ['@@none'],
    default: {
      '@@operators_allowed_for_child_policies': ['@@none'],
      opt_out_policy: { '@@operators_allowed_for_child_policies': ['@@none'], '@@assign': 'optOut' },
    },
  },
});
const lockedDefault = policy('p-def', {
  services: {
    default: {
      '@@operators_allowed_for_child_policies': ['@@none'],
      opt_out_policy: { '@@operators_allowed_for_child_policies': ['@@none'], '@@assign': 'optOut' },
    },
  },
});
const lexOptIn = policy('p-lex', { services: { lex: { opt_out_policy: { '@@assign': 'optIn' } } } });
const rekognitionLocked = policy('p-rek', {
  services: { rekognition: { opt_out_policy: { '@@operators_allowed_for_child_policies': ['@@none'], '@@assign': 'optOut' } } },
});

describe('documented AI services opt-out examples', () => {
  it.each(Object.entries({ aiBasic, aiRoot, optOutOfAll, lockedDefault, lexOptIn, rekognitionLocked }))('accepts the %s example policy', (_name, p) => {
    expect(validatePolicy('AISERVICES_OPT_OUT_POLICY', p.content).valid).toBe(true);
  });

  it('the basic example opts the account out of Rekognition and in to Lex', () => {
    const effective = computeEffectivePolicy('AISERVICES_OPT_OUT_POLICY', [root(), account('a-1', aiBasic)]);
    expect(renderEffectivePolicy(effective.content!)).toBe('{"services":{"rekognition":{"opt_out_policy":"optOut"},"lex":{"opt_out_policy":"optIn"}}}');
  });

  it('the root example locks Comprehend while Rekognition stays overridable', () => {
    const child = policy('p-child', {
      services: {
        comprehend: { opt_out_policy: { '@@assign': 'optIn' } },
        rekognition: { opt_out_policy: { '@@assign': 'optOut' } },
      },
    });
    const effective = computeEffectivePolicy('AISERVICES_OPT_OUT_POLICY', [root(aiRoot), ou('ou-1', child), account('a-1')]);
    expect(renderEffectivePolicy(effective.content!)).toBe(
      '{"services":{"default":{"opt_out_policy":"optOut"},"comprehend":{"opt_out_policy":"optOut"},"rekognition":{"opt_out_policy":"optOut"}}}',
    );
    expect(effective.ignoredChanges.map((c) => c.path)).toEqual(['$.services.comprehend.opt_out_policy']);
  });

  it('Example 1 "opt out of all": children can neither add services nor change the default', () => {
    const effective = computeEffectivePolicy('AISERVICES_OPT_OUT_POLICY', [root(optOutOfAll), ou('ou-1', lexOptIn), account('a-1')]);
    expect(renderEffectivePolicy(effective.content!)).toBe('{"services":{"default":{"opt_out_policy":"optOut"}}}');
    expect(effective.ignoredChanges).toHaveLength(1);
  });

  it('Example 2: a locked default still lets the account opt in to Lex only', () => {
    const effective = computeEffectivePolicy('AISERVICES_OPT_OUT_POLICY', [root(lockedDefault), account('a-1', lexOptIn)]);
    expect(renderEffectivePolicy(effective.content!)).toBe('{"services":{"default":{"opt_out_policy":"optOut"},"lex":{"opt_out_policy":"optIn"}}}');
    expect(effective.ignoredChanges).toEqual([]);
  });

  it('Example 3: a Rekognition lock leaves other services to the children', () => {
    const child = policy('p-child', {
      services: { rekognition: { opt_out_policy: { '@@assign': 'optIn' } }, lex: { opt_out_policy: { '@@assign': 'optIn' } } },
    });
    const effective = computeEffectivePolicy('AISERVICES_OPT_OUT_POLICY', [root(rekognitionLocked), account('a-1', child)]);
    expect(effective.content).toEqual({ services: { rekognition: { opt_out_policy: 'optOut' }, lex: { opt_out_policy: 'optIn' } } });
  });

  it('the create-policy example: opted out of everything except Rekognition, Content stored as sent', () => {
    const content = '{"services":{"default":{"opt_out_policy":{"@@assign":"optOut"}},"rekognition":{"opt_out_policy":{"@@assign":"optIn"}}}}';
    expect(validatePolicy('AISERVICES_OPT_OUT_POLICY', content)).toEqual({ valid: true, diagnostics: [] });
    const effective = computeEffectivePolicy('AISERVICES_OPT_OUT_POLICY', [root({ id: 'p-i9j8k7l6m5', name: 'MyTestPolicy', content }), account('a-1')]);
    expect(renderEffectivePolicy(effective.content!)).toBe('{"services":{"default":{"opt_out_policy":"optOut"},"rekognition":{"opt_out_policy":"optIn"}}}');
  });
});
