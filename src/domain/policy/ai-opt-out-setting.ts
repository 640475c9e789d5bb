import { AI_OPT_OUT_SERVICE_KEYS } from './ai-opt-out-schema';
import type { EffectivePolicy, ProvenanceEntry } from './effective-types';
import { keysToPath } from './json-path';

/**
 * What an account's effective AI services opt-out policy means for one service.
 * User guide, "AI services opt-out policies" (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_ai-opt-out.html):
 * a service's own key decides; without one, `default` decides ("all current and future AI
 * services"); without either, AWS's default applies: content may be stored and used (opted in).
 * Opting out makes the service delete the content it holds, and the setting is global to all Regions.
 */
export type AiOptOutSetting = 'OPT_IN' | 'OPT_OUT';

/** Where the setting comes from: the service's own key, the `default` key, or no policy at all. */
export type AiOptOutSettingSource = 'SERVICE_KEY' | 'DEFAULT_KEY' | 'AWS_DEFAULT';

export interface AiServiceSetting {
  readonly service: string;
  readonly setting: AiOptOutSetting;
  readonly source: AiOptOutSettingSource;
  /** The provenance entry of the deciding value; absent for AWS_DEFAULT. */
  readonly decidedBy?: ProvenanceEntry;
}

export const DEFAULT_SERVICE_KEY = 'default';

/** `$.services.<service>.opt_out_policy`: the path AI opt-out provenance uses for a service's value. */
export function optOutPath(service: string): string {
  return keysToPath(['services', service, 'opt_out_policy']);
}

/** The setting of one service in an effective AI opt-out policy (content null: no policy applies). */
export function aiServiceSetting(
  effective: EffectivePolicy | { content: EffectivePolicy['content']; provenance?: readonly ProvenanceEntry[] },
  service: string,
): AiServiceSetting {
  const own = optOutValue(effective.content, service);
  if (own !== undefined) return { service, setting: own, source: 'SERVICE_KEY', decidedBy: provenanceAt(effective.provenance, optOutPath(service)) };
  const fallback = optOutValue(effective.content, DEFAULT_SERVICE_KEY);
  if (fallback !== undefined)
    return { service, setting: fallback, source: 'DEFAULT_KEY', decidedBy: provenanceAt(effective.provenance, optOutPath(DEFAULT_SERVICE_KEY)) };
  return { service, setting: 'OPT_IN', source: 'AWS_DEFAULT' };
}

/**
 * The services a question about these effective policies covers: every key the engine knows
 * (including `default`), and every key any of the documents names, in a stable order.
 */
export function aiServicesOf(contents: Iterable<Record<string, unknown> | null>): string[] {
  const named = new Set<string>(AI_OPT_OUT_SERVICE_KEYS);
  for (const content of contents) for (const key of Object.keys(servicesOf(content))) named.add(key);
  const rest = [...named].filter((s) => s !== DEFAULT_SERVICE_KEY).sort();
  return [DEFAULT_SERVICE_KEY, ...rest];
}

/** A service whose content would be deleted: opted in (explicitly or by AWS's default) before, opted out after. */
export interface StoredContentDeletion {
  readonly service: string;
  readonly before: AiServiceSetting;
  readonly after: AiServiceSetting;
}

/** Services opted back in: they may store and use content from now on (no acknowledgement needed). */
export interface ContentUseResumption {
  readonly service: string;
  readonly before: AiServiceSetting;
  readonly after: AiServiceSetting;
}

export interface AiOptOutTransitions {
  readonly deletesStoredContent: StoredContentDeletion[];
  readonly resumesContentUse: ContentUseResumption[];
}

/** Compares one account's effective AI opt-out policy before and after a change, service by service. */
export function aiOptOutTransitions(before: EffectivePolicy, after: EffectivePolicy): AiOptOutTransitions {
  const deletesStoredContent: StoredContentDeletion[] = [];
  const resumesContentUse: ContentUseResumption[] = [];
  for (const service of aiServicesOf([before.content, after.content])) {
    const b = aiServiceSetting(before, service);
    const a = aiServiceSetting(after, service);
    if (b.setting === 'OPT_IN' && a.setting === 'OPT_OUT') deletesStoredContent.push({ service, before: b, after: a });
    else if (b.setting === 'OPT_OUT' && a.setting === 'OPT_IN') resumesContentUse.push({ service, before: b, after: a });
  }
  return { deletesStoredContent, resumesContentUse };
}

function servicesOf(content: Record<string, unknown> | null): Record<string, unknown> {
  const services = content?.['services'];
  return typeof services === 'object' && services !== null && !Array.isArray(services) ? (services as Record<string, unknown>) : {};
}

function optOutValue(content: Record<string, unknown> | null, service: string): AiOptOutSetting | undefined {
  if (!Object.hasOwn(servicesOf(content), service)) return undefined;
  const entry = servicesOf(content)[service];
  if (typeof entry !== 'object' || entry === null) return undefined;
  const value = (entry as Record<string, unknown>)['opt_out_policy'];
  if (value === 'optOut') return 'OPT_OUT';
  if (value === 'optIn') return 'OPT_IN';
  return undefined;
}

function provenanceAt(provenance: readonly ProvenanceEntry[] | undefined, path: string): ProvenanceEntry | undefined {
  return provenance?.find((p) => p.path === path);
}
