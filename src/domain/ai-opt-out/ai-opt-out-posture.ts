import {
  type AiOptOutSetting,
  type AiServiceSetting,
  aiServiceSetting,
  aiServicesOf,
  computeEffectivePoliciesForTree,
  type EffectivePolicy,
  type InheritedLocks,
} from '../policy';
import type { AccountPosture, AiOptOutPostureReport, PostureInput, PostureStatus, PostureTreeNode, ServicePosture, UnknownReason } from './posture-types';
import { organizationalUnitTotals, serviceTotals } from './posture-totals';
import { type ServiceLock, serviceLock } from './service-lock';

/**
 * The AI services opt-out posture of every account below a node (issue 12): one pass of the engine
 * over the tree (computeEffectivePoliciesForTree, with the locks each account inherits), then each
 * service read the way AWS documents it (aiServiceSetting: own key, then `default`, then AWS's
 * opt-in default; https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_ai-opt-out.html).
 * Where orgql cannot know, the status is UNKNOWN with its reason, never a FAIL.
 */
export function aiOptOutPosture(input: PostureInput): AiOptOutPostureReport {
  const inherited = new Map<string, InheritedLocks>();
  const ancestors = input.ancestors.map((n) => ({ id: n.id, kind: n.kind, name: n.name, policies: n.policies }));
  const effective = computeEffectivePoliciesForTree('AISERVICES_OPT_OUT_POLICY', input.tree, ancestors, (id, locks) => inherited.set(id, locks));
  const services = input.services ? [...new Set(input.services)] : aiServicesOf(new Set([...effective.values()].map((e) => e.content)));
  const cells = new CellCache(services, input.expect);

  const accounts: AccountPosture[] = [];
  const visit = (node: PostureTreeNode): void => {
    if (node.kind === 'ACCOUNT') {
      const row = cells.row(effective.get(node.id)!, inherited.get(node.id)!, unknownReasonOf(input, node));
      accounts.push({ accountId: node.id, accountName: node.name, state: node.state, status: worstOf(row, input.expect), services: row });
    }
    node.children.forEach(visit);
  };
  visit(input.tree);

  return {
    underId: input.tree.id,
    services,
    expect: input.expect,
    policyTypeEnabled: input.policyTypeEnabled,
    accounts,
    totals: serviceTotals(services, accounts),
    organizationalUnits: organizationalUnitTotals(input.tree, services, accounts),
    failing: accounts.filter((a) => a.services.some((s) => s.status === 'FAIL')),
  };
}

function unknownReasonOf(input: PostureInput, account: PostureTreeNode): UnknownReason | undefined {
  if (!input.mirrorSynced) return 'MIRROR_NOT_SYNCED';
  if (!input.policyTypeEnabled) return 'POLICY_TYPE_NOT_ENABLED';
  // SUSPENDED, PENDING_CLOSURE, CLOSED (or a state upstream did not say) may not take policies the way an active account does.
  if (account.state !== 'ACTIVE') return 'ACCOUNT_NOT_ACTIVE';
  return undefined;
}

const RANK: Record<PostureStatus, number> = { PASS: 0, UNKNOWN: 1, FAIL: 2 };

function worstOf(row: readonly ServicePosture[], expect: AiOptOutSetting | undefined): PostureStatus | null {
  if (!expect) return null;
  let worst: PostureStatus = 'PASS';
  for (const cell of row) if (cell.status && RANK[cell.status] > RANK[worst]) worst = cell.status;
  return worst;
}

/**
 * Accounts without policies of their own share their parent's effective policy and lock list (the
 * engine hands out the same objects), so each distinct pair is read once, not once per account, and
 * such accounts share one (read-only) row of cells.
 */
class CellCache {
  readonly #settings = new WeakMap<EffectivePolicy, readonly AiServiceSetting[]>();
  readonly #locks = new WeakMap<InheritedLocks, Map<string, ServiceLock>>();
  readonly #rows = new WeakMap<EffectivePolicy, WeakMap<InheritedLocks, Map<UnknownReason | undefined, readonly ServicePosture[]>>>();

  constructor(
    private readonly services: readonly string[],
    private readonly expect: AiOptOutSetting | undefined,
  ) {}

  row(effective: EffectivePolicy, locks: InheritedLocks, reason: UnknownReason | undefined): readonly ServicePosture[] {
    let byLocks = this.#rows.get(effective);
    if (!byLocks) this.#rows.set(effective, (byLocks = new WeakMap()));
    let byReason = byLocks.get(locks);
    if (!byReason) byLocks.set(locks, (byReason = new Map()));
    let row = byReason.get(reason);
    if (!row) byReason.set(reason, (row = this.settingsOf(effective).map((setting) => this.cell(setting, locks, reason))));
    return row;
  }

  private settingsOf(effective: EffectivePolicy): readonly AiServiceSetting[] {
    let settings = this.#settings.get(effective);
    if (!settings) this.#settings.set(effective, (settings = this.services.map((service) => aiServiceSetting(effective, service))));
    return settings;
  }

  private cell(setting: AiServiceSetting, locks: InheritedLocks, reason: UnknownReason | undefined): ServicePosture {
    const known = reason === undefined || reason === 'ACCOUNT_NOT_ACTIVE';
    const lock = known ? this.lockOf(locks, setting) : { locked: false, lockedBy: undefined };
    const status: PostureStatus | null = !this.expect ? null : reason ? 'UNKNOWN' : setting.setting === this.expect ? 'PASS' : 'FAIL';
    return {
      service: setting.service,
      setting: known ? setting.setting : null,
      source: known ? setting.source : null,
      decidedBy: known ? setting.decidedBy : undefined,
      locked: lock.locked,
      lockedBy: lock.lockedBy,
      status,
      unknownReason: reason,
    };
  }

  private lockOf(locks: InheritedLocks, setting: AiServiceSetting): ServiceLock {
    let byService = this.#locks.get(locks);
    if (!byService) this.#locks.set(locks, (byService = new Map()));
    const key = `${setting.source} ${setting.service}`;
    let lock = byService.get(key);
    if (!lock) byService.set(key, (lock = serviceLock(locks, setting.service, setting.source)));
    return lock;
  }
}
