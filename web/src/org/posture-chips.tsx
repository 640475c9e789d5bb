/** One account's AI opt-out setting for one service, as aiOptOutPosture reports it. */
export interface ServicePosture {
  readonly service: string;
  readonly setting: 'OPT_IN' | 'OPT_OUT' | null | undefined;
  readonly locked: boolean;
  readonly policyName?: string | null | undefined;
  readonly unknownReason?: string | null | undefined;
}

const LABEL = { OPT_OUT: 'opted out', OPT_IN: 'opted in', UNKNOWN: 'unknown' } as const;

/** One chip per service: opted in / opted out / unknown, and whether a lock holds it. */
export function PostureChips({ services }: { services: readonly ServicePosture[] }) {
  return (
    <ul class="chips" data-testid="posture">
      {services.map((posture) => {
        const setting = posture.setting ?? 'UNKNOWN';
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
    </ul>
  );
}
