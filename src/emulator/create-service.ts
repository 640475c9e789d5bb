import { randomIdGenerator } from './ids';
import type { IdGenerator } from './ids';
import { neverReissue } from './issued-ids';
import { OrganizationsService } from './organizations-service';
import { buildState } from './seed/build-state';
import { DEMO_SEED } from './seed/demo-seed';
import { parseSeedDocument } from './seed/seed-document';
import type { SeedDocument } from './seed/seed-document';
import { idsInState, serializeState } from './state-document';
import type { RestoredState } from './state-document';
import { StatsCounter } from './stats';
import { createThrottle } from './throttle';

/** Options shared by the in-process service and the HTTP emulator. */
export interface EmulatorOptions {
  seed?: 'demo' | 'empty' | SeedDocument;
  latencyMs?: number;
  throttle?: boolean;
  failRate?: number;
  random?: () => number;
  now?: () => Date;
  maxBodyBytes?: number;
  /** Defaults to ids drawn from `random`. */
  ids?: IdGenerator;
  /** An organization saved earlier (state-document.ts): served instead of building one from `seed`. */
  restore?: RestoredState;
  /** Called after every request that changed the organization (see OrganizationsService). */
  onChange?: () => void;
}

export interface ServiceBundle {
  service: OrganizationsService;
  stats: StatsCounter;
  /** The organization as a state document, at this instant (operations are synchronous). */
  serialize(): string;
}

function resolveSeed(seed: EmulatorOptions['seed']): SeedDocument {
  if (seed === undefined || seed === 'empty') return {};
  if (seed === 'demo') return DEMO_SEED;
  return parseSeedDocument(seed, 'seed document');
}

/** Wires state, clock, ids, throttle and stats; no socket (see start-emulator.ts for that). */
export function createService(options: EmulatorOptions = {}): ServiceBundle {
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const failRate = options.failRate ?? 0;
  if (!(failRate >= 0 && failRate <= 1)) throw new Error(`failRate must be between 0 and 1, got ${failRate}`);
  const ids = neverReissue(options.ids ?? randomIdGenerator(random), options.restore?.issuedIds);
  const state = options.restore?.state ?? buildState(resolveSeed(options.seed), ids, now());
  // Ids a seed or a restored state named itself were never drawn: remember them too.
  ids.remember(idsInState(state));
  const stats = new StatsCounter();
  const service = new OrganizationsService(
    { state, now, ids },
    { stats, failRate, random, ...(options.throttle ? { throttle: createThrottle(now) } : {}), ...(options.onChange ? { onChange: options.onChange } : {}) },
  );
  return { service, stats, serialize: () => serializeState(state, ids.issued()) };
}
