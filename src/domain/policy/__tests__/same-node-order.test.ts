import { computeEffectivePolicy } from '../index';
import { account, policy, root } from './harness';

/**
 * Several policies attached to one node: "Policies are evaluated based on the order in which they
 * were attached to the organization entity" (tag Example 6,
 * https://docs.aws.amazon.com/organizations/latest/userguide/inheritance-examples.html).
 * Only an @@assign after an earlier @@assign is a conflict that the first attached policy wins.
 */
const teamValues = (op: string, values: string[]) => policy(`p-${op.slice(2)}`, { tags: { team: { tag_value: { [op]: values } } } });
const assignTeam = (id: string, values: string[]) => policy(id, { tags: { team: { tag_value: { '@@assign': values } } } });

describe('policies attached to the same node', () => {
  it('keeps the first @@assign and records a later conflicting @@assign as SAME_NODE_CONFLICT', () => {
    const effective = computeEffectivePolicy('TAG_POLICY', [root(assignTeam('p-first', ['a']), assignTeam('p-second', ['b'])), account('a-1')]);
    expect(effective.content).toEqual({ tags: { team: { tag_value: ['a'] } } });
    expect(effective.ignoredChanges).toEqual([
      {
        kind: 'SAME_NODE_CONFLICT',
        path: '$.tags.team.tag_value',
        operator: '@@assign',
        attemptedValue: ['b'],
        policyId: 'p-second',
        policyName: 'Policy p-second',
        nodeId: 'r-root',
        firstAttachedPolicyId: 'p-first',
        firstAttachedPolicyName: 'Policy p-first',
        reason: expect.stringContaining('first attached policy wins'),
      },
    ]);
  });

  it('records nothing when the later @@assign agrees with the first', () => {
    const effective = computeEffectivePolicy('TAG_POLICY', [root(assignTeam('p-first', ['a']), assignTeam('p-second', ['a'])), account('a-1')]);
    expect(effective.content).toEqual({ tags: { team: { tag_value: ['a'] } } });
    expect(effective.ignoredChanges).toEqual([]);
  });

  it('applies an @@assign attached after an @@remove on the same node', () => {
    const inherited = assignTeam('p-root', ['a', 'b']);
    const effective = computeEffectivePolicy('TAG_POLICY', [root(inherited), account('a-1', teamValues('@@remove', ['a']), assignTeam('p-later', ['z']))]);
    expect(effective.content).toEqual({ tags: { team: { tag_value: ['z'] } } });
    expect(effective.ignoredChanges).toEqual([]);
  });

  it('applies an @@assign attached after an @@append on the same node', () => {
    const effective = computeEffectivePolicy('TAG_POLICY', [root(teamValues('@@append', ['a']), assignTeam('p-later', ['z'])), account('a-1')]);
    expect(effective.content).toEqual({ tags: { team: { tag_value: ['z'] } } });
    expect(effective.ignoredChanges).toEqual([]);
    expect(effective.provenance).toEqual([
      expect.objectContaining({ path: '$.tags.team.tag_value[0]', value: 'z', policyId: 'p-later', operator: '@@assign' }),
    ]);
  });

  it('still applies an @@append or @@remove attached after an @@assign, in order', () => {
    const effective = computeEffectivePolicy('TAG_POLICY', [
      root(assignTeam('p-first', ['a', 'b']), teamValues('@@append', ['c']), teamValues('@@remove', ['a'])),
      account('a-1'),
    ]);
    expect(effective.content).toEqual({ tags: { team: { tag_value: ['b', 'c'] } } });
    expect(effective.ignoredChanges).toEqual([]);
  });

  it('keeps the first @@assign even when an @@append came between the two', () => {
    const effective = computeEffectivePolicy('TAG_POLICY', [
      root(assignTeam('p-first', ['a']), teamValues('@@append', ['c']), assignTeam('p-third', ['z'])),
      account('a-1'),
    ]);
    expect(effective.content).toEqual({ tags: { team: { tag_value: ['a', 'c'] } } });
    expect(effective.ignoredChanges).toEqual([expect.objectContaining({ kind: 'SAME_NODE_CONFLICT', policyId: 'p-third', firstAttachedPolicyId: 'p-first' })]);
  });

  it('lets a child node @@assign over the value the first same-node policy kept', () => {
    const effective = computeEffectivePolicy('TAG_POLICY', [
      root(assignTeam('p-first', ['a']), assignTeam('p-second', ['b'])),
      account('a-1', assignTeam('p-child', ['c'])),
    ]);
    expect(effective.content).toEqual({ tags: { team: { tag_value: ['c'] } } });
    expect(effective.ignoredChanges.map((c) => [c.kind, c.policyId])).toEqual([['SAME_NODE_CONFLICT', 'p-second']]);
  });
});
