import type { AccountState } from '../account';
import type { AiOptOutSetting, AiOptOutSettingSource, AttachedPolicy, LockHolder, NodeKind, ProvenanceEntry } from '../policy';

/**
 * The AI services opt-out posture report (issue 12): for every account below a node and every AI
 * service, the effective setting, who decided it, whether a parent's lock holds it, and a status
 * against an expected setting. Shapes only; aiOptOutPosture computes them.
 */
export type PostureStatus = 'PASS' | 'FAIL' | 'UNKNOWN';

/** Why orgql cannot tell (status UNKNOWN): it never guesses a FAIL. */
export type UnknownReason = 'POLICY_TYPE_NOT_ENABLED' | 'ACCOUNT_NOT_ACTIVE' | 'MIRROR_NOT_SYNCED';

/** A root, OU or account with its AI opt-out policies in attachment order; accounts carry their state. */
export interface PostureTreeNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly name: string;
  readonly state?: AccountState | undefined;
  readonly policies: AttachedPolicy[];
  readonly children: PostureTreeNode[];
}

export interface PostureInput {
  /** The node asked about, with everything below it. */
  readonly tree: PostureTreeNode;
  /** The nodes above `tree`, root first, with their AI opt-out policies. */
  readonly ancestors: readonly { readonly id: string; readonly kind: NodeKind; readonly name: string; readonly policies: AttachedPolicy[] }[];
  /** AISERVICES_OPT_OUT_POLICY has status ENABLED on the root. */
  readonly policyTypeEnabled: boolean;
  /** The organization read is a complete, synced one (false: every status is UNKNOWN). */
  readonly mirrorSynced: boolean;
  /** The services to report; default: aiServicesOf every effective policy below `tree`. */
  readonly services?: readonly string[] | undefined;
  readonly expect?: AiOptOutSetting | undefined;
}

export interface ServicePosture {
  readonly service: string;
  /** null only when orgql cannot know (then unknownReason says why). */
  readonly setting: AiOptOutSetting | null;
  readonly source: AiOptOutSettingSource | null;
  /** The value's provenance: which policy, on which node, with which operator (absent for AWS_DEFAULT). */
  readonly decidedBy: ProvenanceEntry | undefined;
  /** A lock from above the account stops the account's own policies from changing the setting. */
  readonly locked: boolean;
  readonly lockedBy: LockHolder | undefined;
  /** null without `expect`. */
  readonly status: PostureStatus | null;
  readonly unknownReason: UnknownReason | undefined;
}

export interface AccountPosture {
  readonly accountId: string;
  readonly accountName: string;
  readonly state: AccountState | undefined;
  /** Worst over the services (FAIL > UNKNOWN > PASS); null without `expect`. */
  readonly status: PostureStatus | null;
  readonly services: readonly ServicePosture[];
}

/** Counts over accounts for one service; optedIn/optedOut count known settings, pass/fail/unknown the statuses. */
export interface ServiceTotals {
  readonly service: string;
  readonly optedIn: number;
  readonly optedOut: number;
  readonly pass: number;
  readonly fail: number;
  readonly unknown: number;
}

/** A root or OU at or below `under`, with the totals of the accounts in its subtree. */
export interface OuPostureTotals {
  readonly nodeId: string;
  readonly kind: NodeKind;
  readonly name: string;
  readonly totals: readonly ServiceTotals[];
}

export interface AiOptOutPostureReport {
  readonly underId: string;
  readonly services: readonly string[];
  readonly expect: AiOptOutSetting | undefined;
  readonly policyTypeEnabled: boolean;
  /** Tree order: each parent's accounts, then its OUs' accounts. */
  readonly accounts: readonly AccountPosture[];
  readonly totals: readonly ServiceTotals[];
  readonly organizationalUnits: readonly OuPostureTotals[];
  /** Accounts with at least one FAIL, in tree order. */
  readonly failing: readonly AccountPosture[];
}
