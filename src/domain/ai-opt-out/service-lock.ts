import { type AiOptOutSettingSource, DEFAULT_SERVICE_KEY, type InheritedLocks, type LockHolder } from '../policy';

const ASSIGN = '@@assign';

export interface ServiceLock {
  readonly locked: boolean;
  readonly lockedBy: LockHolder | undefined;
}

const UNLOCKED: ServiceLock = { locked: false, lockedBy: undefined };

/**
 * Whether an account's own policies could change a service's setting, given the child-control lists
 * it inherits (user guide, "AI services opt-out policy syntax and examples",
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_ai-opt-out_syntax.html).
 * The setting is one `@@assign` at `services.<service>.opt_out_policy`; a lock without `@@assign`
 * there (at `services`, at the service, or at `opt_out_policy`) forbids it. A setting that comes
 * from `default` (or from AWS's default) could also change through the account's own `default` key,
 * so it is locked only when both keys are.
 */
export function serviceLock(inherited: InheritedLocks, service: string, source: AiOptOutSettingSource): ServiceLock {
  const own = assignForbiddenBy(inherited, service);
  if (!own) return UNLOCKED;
  if (service === DEFAULT_SERVICE_KEY || source === 'SERVICE_KEY') return { locked: true, lockedBy: own };
  return assignForbiddenBy(inherited, DEFAULT_SERVICE_KEY) ? { locked: true, lockedBy: own } : UNLOCKED;
}

function assignForbiddenBy(inherited: InheritedLocks, service: string): LockHolder | undefined {
  return inherited.at(['services', service, 'opt_out_policy']).forbiddenBy[ASSIGN];
}
