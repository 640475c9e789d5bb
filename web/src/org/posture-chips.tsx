/** One account's AI opt-out setting for one service, as aiOptOutPosture reports it. */
export interface ServicePosture {
  readonly service: string;
  readonly setting: 'OPT_IN' | 'OPT_OUT' | null | undefined;
  readonly locked: boolean;
  readonly policyName?: string | null | undefined;
  readonly unknownReason?: string | null | undefined;
  readonly source?: 'SERVICE_KEY' | 'DEFAULT_KEY' | 'AWS_DEFAULT' | null | undefined;
}

const LABEL = { OPT_OUT: 'opted out', OPT_IN: 'opted in', UNKNOWN: 'unknown' } as const;

const settingOf = (posture: ServicePosture) => posture.setting ?? 'UNKNOWN';

/**
 * One chip per service the report lists (`default` first, then the others in the report's order):
 * opted out, opted in or unknown, and "(locked)" when a lock above the account holds the setting.
 * Services that only follow `default` say so in their title, so a reader can tell "set for this
 * service" from "inherited from default" without leaving the row.
 */
export function PostureChips({ services }: { services: readonly ServicePosture[] }) {
  return (
    <ul class="chips" data-testid="posture" aria-label="AI opt-out posture">
      {services.map((posture) => {
        const setting = settingOf(posture);
        const why = posture.setting ? (posture.policyName ? `set by ${posture.policyName}` : "AWS's default") : (posture.unknownReason ?? 'unknown');
        return (
          <li
            key={posture.service}
            class={`chip chip-${setting.toLowerCase()}`}
            title={posture.source === 'DEFAULT_KEY' ? `${why} (as default)` : why}
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
    </ul>
  );
}
