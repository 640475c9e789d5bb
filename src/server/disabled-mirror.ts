import type { MirrorStatusReport } from '../domain/mirror';
import { OrgqlError } from '../domain/errors';
import type { OrgMirror } from '../mirror/org-mirror';

const OFF: MirrorStatusReport = {
  state: 'EMPTY',
  version: 0,
  syncedAt: null,
  tagsSyncedAt: null,
  leader: false,
  lastError: 'the mirror is off (ORGQL_MIRROR=off)',
  lastSyncDurationMs: undefined,
  upstreamCallsLastSync: undefined,
};

/** ORGQL_MIRROR=off: nothing is mirrored and every request reads upstream. */
export const DISABLED_MIRROR: OrgMirror = {
  current: () => undefined,
  ready: async () => {
    throw new OrgqlError('MIRROR_NOT_READY', 'The org mirror is off on this gateway (ORGQL_MIRROR=off).', { retryAfterSeconds: 60 });
  },
  status: () => OFF,
  refresh: async () => [],
  sync: async () => {
    throw new OrgqlError('BAD_USER_INPUT', 'The org mirror is off on this gateway (ORGQL_MIRROR=off).');
  },
  onDrift: () => undefined,
  close: async () => undefined,
};
