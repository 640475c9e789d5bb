import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './config';

export interface EmulatorCommandConfig {
  readonly host: string;
  readonly port: number;
  /** `demo`, `empty` or a seed file path. */
  readonly seed: string;
  readonly latencyMs: number;
  readonly throttle: boolean;
  readonly failRate: number;
  /** Where to POST an EventBridge event after every successful mutating call (none: no events). */
  readonly eventsTo: string | undefined;
  /** Headers sent with each event, e.g. `{ authorization: 'Bearer …' }`. */
  readonly eventsHeaders: Readonly<Record<string, string>>;
  /** The state file: restored at start, saved after each change. In memory only when unset. */
  readonly statePath: string | undefined;
  /** Start over from the seed, replacing the state file. */
  readonly reset: boolean;
}

export interface EmulatorFlags {
  readonly port?: string | undefined;
  readonly host?: string | undefined;
  readonly seed?: string | undefined;
  readonly latencyMs?: string | undefined;
  readonly throttle?: boolean | undefined;
  readonly failRate?: string | undefined;
  readonly eventsTo?: string | undefined;
  /** `name: value`, repeatable. */
  readonly eventsHeader?: readonly string[] | undefined;
  readonly state?: string | undefined;
  readonly reset?: boolean | undefined;
}

/** Commander collector for a repeatable option. */
export function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

const headerLine = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+:[ \t]*[^\r\n]*$/, "must be 'name: value'")
  .transform((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as const;
  });

const schema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(4566),
  host: z.string().trim().min(1).default('127.0.0.1'),
  seed: z.string().trim().min(1).default('empty'),
  latencyMs: z.coerce.number().int().min(0).max(60_000).default(0),
  throttle: z.boolean().default(false),
  failRate: z.coerce.number().min(0).max(1).default(0),
  eventsTo: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  eventsHeader: z
    .array(headerLine)
    .default([])
    .transform((pairs) => Object.fromEntries(pairs) as Record<string, string>),
  state: z.string().trim().min(1).optional(),
  reset: z.boolean().default(false),
});

const FLAG_NAMES: Record<string, string> = {
  latencyMs: '--latency-ms',
  failRate: '--fail-rate',
  eventsTo: '--events-to',
  eventsHeader: '--events-header',
};

/** `orgql emulator` options; without --seed it holds a fresh organization, as after CreateOrganization. */
export function parseEmulatorFlags(flags: EmulatorFlags, cwd = process.cwd()): EmulatorCommandConfig {
  const defined = Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined));
  const parsed = schema.safeParse(defined);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0]);
        // A header may hold a credential: never echo it.
        const got = key === 'eventsHeader' ? '' : ` (got ${JSON.stringify(defined[key])})`;
        return `${FLAG_NAMES[key] ?? `--${key}`}: ${issue.message}${got}`;
      }),
      'Invalid option',
    );
  }
  const { eventsHeader, state, ...rest } = parsed.data;
  if (Object.keys(eventsHeader).length > 0 && rest.eventsTo === undefined) throw new ConfigError(['--events-header: needs --events-to']);
  if (rest.reset && state === undefined) throw new ConfigError(['--reset: only applies with --state FILE (without it the emulator keeps nothing to reset)']);
  return { ...rest, eventsTo: rest.eventsTo, eventsHeaders: eventsHeader, statePath: state === undefined ? undefined : path.resolve(cwd, state) };
}
