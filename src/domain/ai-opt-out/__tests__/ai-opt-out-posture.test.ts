import type { AttachedPolicy, NodeKind } from '../../policy';
import { aiOptOutPosture } from '../ai-opt-out-posture';
import type { PostureInput, PostureTreeNode } from '../posture-types';

const doc = (id: string, services: Record<string, unknown>): AttachedPolicy => ({ id, name: `Policy ${id}`, content: JSON.stringify({ services }) });
const optOutAll = doc('p-all', { default: { opt_out_policy: { '@@assign': 'optOut' } } });
const lockComprehend = doc('p-lock', { comprehend: { opt_out_policy: { '@@operators_allowed_for_child_policies': ['@@none'], '@@assign': 'optOut' } } });
const lexIn = doc('p-lex', { lex: { opt_out_policy: { '@@assign': 'optIn' } } });
const comprehendIn = doc('p-comprehend-in', { comprehend: { opt_out_policy: { '@@assign': 'optIn' } } });

const node = (id: string, kind: NodeKind, policies: AttachedPolicy[], children: PostureTreeNode[] = []): PostureTreeNode => ({
  id,
  kind,
  name: id,
  policies,
  children,
});
const account = (id: string, policies: AttachedPolicy[] = [], state: PostureTreeNode['state'] = 'ACTIVE'): PostureTreeNode => ({
  ...node(id, 'ACCOUNT', policies),
  state,
});

// Root (opt out of everything) > Workloads (Comprehend locked out) > ML (Lex back in) ; Sandbox beside Workloads.
const tree = node(
  'r-root',
  'ROOT',
  [optOutAll],
  [
    account('111111111111'),
    node(
      'ou-work',
      'ORGANIZATIONAL_UNIT',
      [lockComprehend],
      [node('ou-ml', 'ORGANIZATIONAL_UNIT', [lexIn], [account('222222222222'), account('333333333333', [comprehendIn])])],
    ),
    node('ou-sandbox', 'ORGANIZATIONAL_UNIT', [], [account('444444444444', [lexIn]), account('555555555555', [], 'SUSPENDED')]),
  ],
);
const report = (extra: Partial<PostureInput> = {}) =>
  aiOptOutPosture({ tree, ancestors: [], policyTypeEnabled: true, mirrorSynced: true, services: ['default', 'comprehend', 'lex'], ...extra });
const cell = (r: ReturnType<typeof report>, accountId: string, service: string) =>
  r.accounts.find((a) => a.accountId === accountId)!.services.find((s) => s.service === service)!;

describe('AI opt-out posture', () => {
  it('reads each service of each account as AWS does: own key, then default, naming the deciding policy', () => {
    const r = report();
    expect(cell(r, '222222222222', 'lex')).toMatchObject({ setting: 'OPT_IN', source: 'SERVICE_KEY', decidedBy: { policyId: 'p-lex', nodeId: 'ou-ml' } });
    expect(cell(r, '111111111111', 'lex')).toMatchObject({ setting: 'OPT_OUT', source: 'DEFAULT_KEY', decidedBy: { policyId: 'p-all', nodeId: 'r-root' } });
  });

  it("says a parent's @@none lock holds Comprehend, and that the account's own optIn is ignored", () => {
    const r = report();
    expect(cell(r, '333333333333', 'comprehend')).toMatchObject({ setting: 'OPT_OUT', locked: true, lockedBy: { policyId: 'p-lock', nodeId: 'ou-work' } });
    expect(cell(r, '111111111111', 'comprehend')).toMatchObject({ locked: false, lockedBy: undefined });
  });

  it('does not call a setting from default locked when only the service key is locked', () => {
    const lockLexOnly = doc('p-lock-lex', { lex: { '@@operators_allowed_for_child_policies': ['@@none'] } });
    const r = aiOptOutPosture({
      tree: node('r-root', 'ROOT', [optOutAll, lockLexOnly], [account('111111111111')]),
      ancestors: [],
      policyTypeEnabled: true,
      mirrorSynced: true,
      services: ['lex'],
    });
    expect(cell(r, '111111111111', 'lex')).toMatchObject({ source: 'DEFAULT_KEY', locked: false });
  });

  it("does not count an account's own lock: it governs the nodes below the one it is attached to", () => {
    const r = aiOptOutPosture({
      tree: node('r-root', 'ROOT', [optOutAll], [account('111111111111', [lockComprehend])]),
      ancestors: [],
      policyTypeEnabled: true,
      mirrorSynced: true,
      services: ['comprehend'],
    });
    expect(cell(r, '111111111111', 'comprehend')).toMatchObject({ setting: 'OPT_OUT', source: 'SERVICE_KEY', locked: false });
  });

  it('calls a setting from default locked when a lock at `services` forbids both keys (user guide, opt out of everything)', () => {
    const lockAll = doc('p-lock-all', { '@@operators_allowed_for_child_policies': ['@@none'], default: { opt_out_policy: { '@@assign': 'optOut' } } });
    const r = aiOptOutPosture({
      tree: node('r-root', 'ROOT', [lockAll], [account('111111111111', [lexIn])]),
      ancestors: [],
      policyTypeEnabled: true,
      mirrorSynced: true,
      services: ['lex', 'default'],
    });
    expect(r.accounts[0]!.services).toEqual([
      expect.objectContaining({
        service: 'lex',
        setting: 'OPT_OUT',
        source: 'DEFAULT_KEY',
        locked: true,
        lockedBy: expect.objectContaining({ policyId: 'p-lock-all' }),
      }),
      expect.objectContaining({ service: 'default', setting: 'OPT_OUT', locked: true }),
    ]);
  });

  it('gives PASS and FAIL against the expected setting, and UNKNOWN (never FAIL) for an account that is not active', () => {
    const r = report({ expect: 'OPT_OUT' });
    expect(cell(r, '222222222222', 'lex').status).toBe('FAIL');
    expect(cell(r, '222222222222', 'comprehend').status).toBe('PASS');
    expect(cell(r, '555555555555', 'lex')).toMatchObject({ status: 'UNKNOWN', unknownReason: 'ACCOUNT_NOT_ACTIVE', setting: 'OPT_OUT' });
    expect(r.accounts.map((a) => [a.accountId, a.status])).toEqual([
      ['111111111111', 'PASS'],
      ['222222222222', 'FAIL'],
      ['333333333333', 'FAIL'],
      ['444444444444', 'FAIL'],
      ['555555555555', 'UNKNOWN'],
    ]);
    expect(r.failing.map((a) => a.accountId)).toEqual(['222222222222', '333333333333', '444444444444']);
  });

  it('has no status without an expected setting', () => {
    expect(report().accounts.every((a) => a.status === null && a.services.every((s) => s.status === null))).toBe(true);
  });

  it('is UNKNOWN with no setting everywhere when the policy type is not enabled or the mirror is not synced', () => {
    for (const [extra, reason] of [
      [{ policyTypeEnabled: false }, 'POLICY_TYPE_NOT_ENABLED'],
      [{ mirrorSynced: false }, 'MIRROR_NOT_SYNCED'],
    ] as const) {
      const r = report({ ...extra, expect: 'OPT_OUT' });
      expect(r.accounts.flatMap((a) => a.services).every((s) => s.status === 'UNKNOWN' && s.setting === null && s.unknownReason === reason)).toBe(true);
      expect(r.failing).toEqual([]);
    }
  });

  it('totals each service over all accounts and over each OU subtree', () => {
    const r = report({ expect: 'OPT_OUT' });
    expect(r.totals.find((t) => t.service === 'lex')).toEqual({ service: 'lex', optedIn: 3, optedOut: 2, pass: 1, fail: 3, unknown: 1 });
    const work = r.organizationalUnits.find((o) => o.nodeId === 'ou-work')!;
    expect(work.totals.find((t) => t.service === 'lex')).toEqual({ service: 'lex', optedIn: 2, optedOut: 0, pass: 0, fail: 2, unknown: 0 });
    expect(r.organizationalUnits.map((o) => o.nodeId)).toEqual(['r-root', 'ou-work', 'ou-ml', 'ou-sandbox']);
    expect(r.organizationalUnits[0]!.totals).toEqual(r.totals);
  });

  it('covers default, the services the engine knows and any service a policy names, when none are asked for', () => {
    const r = aiOptOutPosture({
      tree: node('r-root', 'ROOT', [doc('p-x', { newservice: { opt_out_policy: { '@@assign': 'optOut' } } })], [account('111111111111')]),
      ancestors: [],
      policyTypeEnabled: true,
      mirrorSynced: true,
    });
    expect(r.services[0]).toBe('default');
    expect(r.services).toEqual(expect.arrayContaining(['lex', 'comprehend', 'newservice']));
    expect(cell(r, '111111111111', 'newservice').setting).toBe('OPT_OUT');
  });

  it('takes the policies above the node asked about into account', () => {
    const ml = tree.children[1]!.children[0]!;
    const r = aiOptOutPosture({
      tree: ml,
      ancestors: [
        { id: 'r-root', kind: 'ROOT', name: 'Root', policies: [optOutAll] },
        { id: 'ou-work', kind: 'ORGANIZATIONAL_UNIT', name: 'Work', policies: [lockComprehend] },
      ],
      policyTypeEnabled: true,
      mirrorSynced: true,
      services: ['comprehend'],
    });
    expect(r.underId).toBe('ou-ml');
    expect(cell(r, '333333333333', 'comprehend')).toMatchObject({ setting: 'OPT_OUT', locked: true });
  });
});
