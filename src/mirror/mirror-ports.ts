/** What the mirror needs from its surroundings, implemented in src/database and wired by src/server. */

/** Who runs syncs: exactly one replica at a time (a PostgreSQL advisory lock on a session of its own). */
export interface Leadership {
  /** Starts competing; `onChange` is called whenever this process gains or loses the lead. */
  start(onChange: (leader: boolean) => void): void;
  isLeader(): boolean;
  close(): Promise<void>;
}

/** Notifications on the mirror's channel (PostgreSQL LISTEN). */
export interface MirrorNotifications {
  subscribe(onPayload: (payload: string) => void): Promise<{ close(): Promise<void> }>;
}

/** The single-process case (PGlite): this process always leads and nobody else writes. */
export const SOLE_LEADER: Leadership = {
  start: (onChange) => onChange(true),
  isLeader: () => true,
  close: async () => undefined,
};

export interface MirrorLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}
