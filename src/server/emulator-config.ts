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
}

export interface EmulatorFlags {
  readonly port?: string | undefined;
  readonly host?: string | undefined;
  readonly seed?: string | undefined;
  readonly latencyMs?: string | undefined;
  readonly throttle?: boolean | undefined;
  readonly failRate?: string | undefined;
}

const schema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(4566),
  host: z.string().trim().min(1).default('127.0.0.1'),
  seed: z.string().trim().min(1).default('empty'),
  latencyMs: z.coerce.number().int().min(0).max(60_000).default(0),
  throttle: z.boolean().default(false),
  failRate: z.coerce.number().min(0).max(1).default(0),
});

const FLAG_NAMES: Record<string, string> = { latencyMs: '--latency-ms', failRate: '--fail-rate' };

/** `orgql emulator` options; without --seed it holds a fresh organization, as after CreateOrganization. */
export function parseEmulatorFlags(flags: EmulatorFlags): EmulatorCommandConfig {
  const defined = Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined));
  const parsed = schema.safeParse(defined);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0]);
        return `${FLAG_NAMES[key] ?? `--${key}`}: ${issue.message} (got ${JSON.stringify(defined[key])})`;
      }),
    );
  }
  return parsed.data;
}
