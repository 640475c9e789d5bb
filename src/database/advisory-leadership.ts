import type { SqlConnection } from './sql-connection';

/** The advisory lock key of the mirror's leader (any constant other locks do not use). */
export const MIRROR_LEADER_LOCK_KEY = 72707370;

export interface AdvisoryLeadershipOptions {
  /** Opens a dedicated session: the lock lives exactly as long as it does. */
  readonly openSession: () => Promise<SqlConnection>;
  /** How often a follower tries the lock, and the leader checks its session is alive. */
  readonly retryMs: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * Leadership by a session-level PostgreSQL advisory lock (pg_try_advisory_lock) on a session of its
 * own: when the leader's process dies or its connection drops, PostgreSQL releases the lock and the
 * next follower to try takes over. The leader pings its session; a failed ping means the lock may
 * be gone, so it steps down at once and competes again on a new session.
 */
export function advisoryLeadership(options: AdvisoryLeadershipOptions) {
  let leader = false;
  let session: SqlConnection | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let running: Promise<void> = Promise.resolve();
  let notify: (leader: boolean) => void = () => undefined;

  const setLeader = (value: boolean) => {
    if (value === leader) return;
    leader = value;
    notify(value);
  };
  const dropSession = async () => {
    const old = session;
    session = undefined;
    await old?.close().catch(() => undefined);
  };
  const attempt = async () => {
    try {
      session ??= await options.openSession();
      if (leader) {
        await session.query('SELECT 1');
      } else {
        const [row] = await session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [MIRROR_LEADER_LOCK_KEY]);
        if (!closed) setLeader(row?.locked === true);
      }
    } catch (error) {
      options.onError?.(error);
      setLeader(false);
      await dropSession();
    }
  };
  const loop = () => {
    if (closed) return;
    running = attempt().finally(() => {
      if (!closed) timer = setTimeout(loop, options.retryMs);
      timer?.unref();
    });
  };
  return {
    start(onChange: (leader: boolean) => void) {
      notify = onChange;
      loop();
    },
    isLeader: () => leader,
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
      leader = false;
      // Closing the session releases the lock for the next replica.
      await dropSession();
    },
  };
}
