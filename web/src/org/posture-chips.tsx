/** One account's AI opt-out setting for one service, as aiOptOutPosture reports it. */
export interface ServicePosture {
  readonly service: string;
  readonly setting: 'OPT_IN' | 'OPT_OUT' | null | undefined;
  readonly locked: boolean;
  readonly policyName?: string | null | undefined;
  readonly unknownReason?: string | null | undefined;
}

const LABEL = { OPT_OUT: 'opted out', OPT_IN: 'opted in', UNKNOWN: 'unknown' } as const;

const settingOf = (posture: ServicePosture) => posture.setting ?? 'UNKNOWN';

/**
 * The report lists every service AWS knows (twenty and more): a chip for `default`, and one for each
 * service whose setting differs from it or that a lock holds; the services that simply follow
 * `default` are counted in one more chip, so an account's row stays readable.
 */
export function PostureChips({ services }: { services: readonly ServicePosture[] }) {
  const fallback = services.find((posture) => posture.service === 'default');
  const shown = services.filter((posture) => !fallback || posture === fallback || posture.locked || settingOf(posture) !== settingOf(fallback));
  const following = services.length - shown.length;
  return (
    <ul class="chips" data-testid="posture">
      {shown.map((posture) => {
        const setting = settingOf(posture);
        const why = posture.setting ? (posture.policyName ? `set by ${posture.policyName}` : "AWS's default") : (posture.unknownReason ?? 'unknown');
        return (
          <li
            key={posture.service}
            class={`chip chip-${setting.toLowerCase()}`}
            title={why}
            data-testid="posture-chip"
            data-service={posture.service}
            data-setting={setting}
            data-locked={String(posture.locked)}
          >
            {posture.service}: {LABEL[setting]}
            {posture.locked ? ' (locked)' : ''}
          </li>
        );
      })}
      {fallback && following > 0 && (
        <li class={`chip chip-${settingOf(fallback).toLowerCase()} chip-others`} data-testid="posture-others">
          {following} more services: {LABEL[settingOf(fallback)]} (as default)
        </li>
      )}
    </ul>
  );
}
