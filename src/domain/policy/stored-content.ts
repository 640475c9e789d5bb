import type { PolicyType } from '../policy-type';
import { aiOptOutTransitions } from './ai-opt-out-setting';
import type { EffectivePolicy } from './effective-types';

/**
 * What a change of effective AI services opt-out policy means for the content AI services hold.
 * User guide, "AI services opt-out policies"
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_ai-opt-out.html):
 * when an account opts out of a service, the service deletes the content it stored for the account
 * (it cannot be undone), and the setting applies in all Regions. Only this policy type has the effect.
 */
export const STORED_CONTENT_POLICY_TYPE: PolicyType = 'AISERVICES_OPT_OUT_POLICY';

/** What a caller confirms it knows a change does; a mutation with that effect is refused without it. */
export type Acknowledgement = 'STORED_CONTENT_DELETION';

export interface ContentUseChange {
  /** Services going from opted in (by a policy or by AWS's default) to optOut: their stored content is deleted. */
  readonly deletedContentServices: string[];
  /** Services going from optOut back to opted in: they may store and use content from now on. */
  readonly resumesContentUse: string[];
}

const NONE: ContentUseChange = { deletedContentServices: [], resumesContentUse: [] };

/** One account's effective policy before and after a change, service by service; nothing for other types. */
export function contentUseChange(type: PolicyType, before: EffectivePolicy, after: EffectivePolicy): ContentUseChange {
  if (type !== STORED_CONTENT_POLICY_TYPE) return NONE;
  const transitions = aiOptOutTransitions(before, after);
  return {
    deletedContentServices: transitions.deletesStoredContent.map((t) => t.service),
    resumesContentUse: transitions.resumesContentUse.map((t) => t.service),
  };
}

/** An account whose stored content a change would delete, as a refusal lists it. */
export interface StoredContentDeletionImpact {
  readonly accountId: string;
  readonly accountName: string;
  readonly services: string[];
}

/** The accounts a previewed change would delete stored content of, in the preview's order. */
export function storedContentDeletions(
  impacts: readonly { accountId: string; accountName: string; deletedContentServices: readonly string[] }[],
): StoredContentDeletionImpact[] {
  return impacts
    .filter((impact) => impact.deletedContentServices.length > 0)
    .map((impact) => ({ accountId: impact.accountId, accountName: impact.accountName, services: [...impact.deletedContentServices] }));
}

/** The acknowledgements a change with these impacts needs. */
export function requiredAcknowledgements(impacts: readonly { deletedContentServices: readonly string[] }[]): Acknowledgement[] {
  return impacts.some((impact) => impact.deletedContentServices.length > 0) ? ['STORED_CONTENT_DELETION'] : [];
}
