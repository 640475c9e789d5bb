import { computeEffectivePoliciesForTree, diffDocuments, previewPolicyChanges, type OrgSnapshot } from '../index';

const opt = (service: string, value: 'optIn' | 'optOut', lock = false) =>
  JSON.stringify({
    services: { [service]: { opt_out_policy: { '@@assign': value, ...(lock ? { '@@operators_allowed_for_child_policies': ['@@none'] } : {}) } } },
  });

function snapshot(): OrgSnapshot {
  return {
    nodes: [
      { id: 'r-root', kind: 'ROOT', name: 'Root', parentId: null },
      { id: 'ou-prod', kind: 'ORGANIZATIONAL_UNIT', name: 'Prod', parentId: 'r-root' },
      { id: 'ou-dev', kind: 'ORGANIZATIONAL_UNIT', name: 'Dev', parentId: 'r-root' },
      { id: '111111111111', kind: 'ACCOUNT', name: 'prod-1', parentId: 'ou-prod' },
      { id: '222222222222', kind: 'ACCOUNT', name: 'dev-1', parentId: 'ou-dev' },
      { id: '333333333333', kind: 'ACCOUNT', name: 'dev-2', parentId: 'ou-dev' },
    ],
    policies: [
      { id: 'p-default', name: 'Default out', type: 'AISERVICES_OPT_OUT_POLICY', content: opt('default', 'optOut') },
      { id: 'p-lex', name: 'Lex in', type: 'AISERVICES_OPT_OUT_POLICY', content: opt('lex', 'optIn') },
      { id: 'p-tag', name: 'Tags', type: 'TAG_POLICY', content: JSON.stringify({ tags: { team: { tag_key: { '@@assign': 'Team' } } } }) },
    ],
    attachments: [
      { targetId: 'r-root', policyIds: ['p-default', 'p-tag'] },
      { targetId: 'ou-dev', policyIds: ['p-lex'] },
    ],
  };
}

describe('diffDocuments', () => {
  it('reports additions, removals and changes at the highest differing path', () => {
    expect(
      diffDocuments(
        { services: { default: { opt_out_policy: 'optOut' }, lex: { opt_out_policy: 'optIn' } } },
        { services: { default: { opt_out_policy: 'optIn' }, polly: { opt_out_policy: 'optOut' } } },
      ),
    ).toEqual({
      added: [{ path: '$.services.polly', value: { opt_out_policy: 'optOut' } }],
      removed: [{ path: '$.services.lex', value: { opt_out_policy: 'optIn' } }],
      changed: [{ path: '$.services.default.opt_out_policy', before: 'optOut', after: 'optIn' }],
    });
  });

  it('treats a missing document as empty and compares arrays as whole values', () => {
    expect(diffDocuments(null, { tags: { t: { tag_value: ['a'] } } }).added).toEqual([{ path: '$.tags', value: { t: { tag_value: ['a'] } } }]);
    expect(diffDocuments({ v: ['a'] }, { v: ['a', 'b'] }).changed).toEqual([{ path: '$.v', before: ['a'], after: ['a', 'b'] }]);
    expect(diffDocuments({ a: 1 }, { a: 1 })).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe('previewPolicyChanges', () => {
  it('lists only the accounts whose effective content changes, with before, after and diff', () => {
    const result = previewPolicyChanges('AISERVICES_OPT_OUT_POLICY', snapshot(), [{ kind: 'ATTACH', policyId: 'p-lex', targetId: 'ou-prod' }]);
    expect(result.diagnostics).toEqual([]);
    expect(result.impacts).toHaveLength(1);
    const [impact] = result.impacts;
    expect(impact).toMatchObject({ accountId: '111111111111', accountName: 'prod-1' });
    expect(impact?.before.content).toEqual({ services: { default: { opt_out_policy: 'optOut' } } });
    expect(impact?.diff.added).toEqual([{ path: '$.services.lex', value: { opt_out_policy: 'optIn' } }]);
  });

  it('changes nothing in the snapshot it is given', () => {
    const snap = snapshot();
    const copy = structuredClone(snap);
    previewPolicyChanges('AISERVICES_OPT_OUT_POLICY', snap, [
      { kind: 'DETACH', policyId: 'p-default', targetId: 'r-root' },
      { kind: 'UPDATE_CONTENT', policyId: 'p-lex', content: opt('lex', 'optOut') },
      { kind: 'MOVE_ACCOUNT', accountId: '111111111111', destinationParentId: 'ou-dev' },
    ]);
    expect(snap).toEqual(copy);
  });

  it('previews detaching, updating content and moving an account together', () => {
    const result = previewPolicyChanges('AISERVICES_OPT_OUT_POLICY', snapshot(), [
      { kind: 'UPDATE_CONTENT', policyId: 'p-lex', content: opt('lex', 'optOut') },
      { kind: 'MOVE_ACCOUNT', accountId: '111111111111', destinationParentId: 'ou-dev' },
    ]);
    expect(result.impacts.map((i) => i.accountId)).toEqual(['111111111111', '222222222222', '333333333333']);
    expect(result.impacts[1]?.diff.changed).toEqual([{ path: '$.services.lex.opt_out_policy', before: 'optIn', after: 'optOut' }]);
  });

  it('creates and attaches a new policy whose root lock overrides an OU opt-in', () => {
    const result = previewPolicyChanges('AISERVICES_OPT_OUT_POLICY', snapshot(), [
      { kind: 'CREATE_AND_ATTACH', policyId: 'p-new', name: 'Lock lex', content: opt('lex', 'optOut', true), targetIds: ['r-root'] },
    ]);
    const after = { services: { default: { opt_out_policy: 'optOut' }, lex: { opt_out_policy: 'optOut' } } };
    expect(result.impacts.map((i) => [i.accountId, i.after.content])).toEqual([
      ['111111111111', after],
      ['222222222222', after],
      ['333333333333', after],
    ]);
    expect(result.impacts[1]?.after.ignoredChanges).toEqual([
      expect.objectContaining({ kind: 'LOCKED_BY_PARENT', policyId: 'p-lex', lockedByPolicyId: 'p-new', nodeId: 'ou-dev' }),
    ]);
  });

  it('gives a created policy without an id a what-if id', () => {
    const result = previewPolicyChanges('AISERVICES_OPT_OUT_POLICY', snapshot(), [
      { kind: 'CREATE_AND_ATTACH', name: 'Polly', content: opt('polly', 'optIn'), targetIds: ['111111111111'] },
    ]);
    expect(result.impacts[0]?.after.provenance.find((p) => p.path.startsWith('$.services.polly'))).toMatchObject({
      policyId: 'p-whatif-1',
      policyName: 'Polly',
    });
  });

  it.each<[string, Parameters<typeof previewPolicyChanges>[2][number], string]>([
    ['an unknown policy', { kind: 'ATTACH', policyId: 'p-nope', targetId: 'ou-dev' }, 'POLICY_NOT_FOUND'],
    ['an unknown target', { kind: 'ATTACH', policyId: 'p-lex', targetId: 'ou-nope' }, 'TARGET_NOT_FOUND'],
    ['a policy of another type', { kind: 'ATTACH', policyId: 'p-tag', targetId: 'ou-dev' }, 'POLICY_TYPE_MISMATCH'],
    ['a duplicate attachment', { kind: 'ATTACH', policyId: 'p-lex', targetId: 'ou-dev' }, 'DUPLICATE_ATTACHMENT'],
    ['detaching a policy that is not attached', { kind: 'DETACH', policyId: 'p-lex', targetId: 'ou-prod' }, 'POLICY_NOT_ATTACHED'],
    [
      'invalid new content',
      { kind: 'UPDATE_CONTENT', policyId: 'p-lex', content: '{"services":{"lex":{"opt_out_policy":{"@@assign":"in"}}}}' },
      'INVALID_VALUE',
    ],
    ['moving an OU', { kind: 'MOVE_ACCOUNT', accountId: 'ou-dev', destinationParentId: 'ou-prod' }, 'INVALID_MOVE'],
    ['moving into an account', { kind: 'MOVE_ACCOUNT', accountId: '111111111111', destinationParentId: '222222222222' }, 'INVALID_MOVE'],
    ['reusing a policy id', { kind: 'CREATE_AND_ATTACH', policyId: 'p-lex', name: 'x', content: opt('lex', 'optIn'), targetIds: [] }, 'DUPLICATE_POLICY_ID'],
  ])('reports %s as a diagnostic and skips that change', (_title, change, code) => {
    const result = previewPolicyChanges('AISERVICES_OPT_OUT_POLICY', snapshot(), [change]);
    expect(result.diagnostics.map((d) => d.code)).toEqual([code]);
    expect(result.impacts).toEqual([]);
  });

  it('enforces the per-node attachment limit of the type', () => {
    const snap = snapshot();
    const extra = Array.from({ length: 5 }, (_, i) => ({
      id: `p-x${i}`,
      name: `x${i}`,
      type: 'AISERVICES_OPT_OUT_POLICY' as const,
      content: opt('polly', 'optIn'),
    }));
    snap.policies.push(...extra);
    const result = previewPolicyChanges(
      'AISERVICES_OPT_OUT_POLICY',
      snap,
      extra.map((p) => ({ kind: 'ATTACH' as const, policyId: p.id, targetId: 'r-root' })),
    );
    expect(result.diagnostics.map((d) => d.code)).toEqual(['ATTACHMENT_LIMIT_EXCEEDED']);
  });
});

describe('computeEffectivePoliciesForTree', () => {
  it('computes a subtree given its ancestors', () => {
    const subtree = {
      id: 'ou-dev',
      kind: 'ORGANIZATIONAL_UNIT' as const,
      name: 'Dev',
      policies: [],
      children: [{ id: 'a-1', kind: 'ACCOUNT' as const, name: 'a', policies: [], children: [] }],
    };
    const result = computeEffectivePoliciesForTree('AISERVICES_OPT_OUT_POLICY', subtree, [
      { id: 'r-root', kind: 'ROOT', name: 'Root', policies: [{ id: 'p-1', name: 'p', content: opt('default', 'optOut') }] },
    ]);
    expect([...result.entries()]).toEqual([['a-1', expect.objectContaining({ content: { services: { default: { opt_out_policy: 'optOut' } } } })]]);
  });
});
