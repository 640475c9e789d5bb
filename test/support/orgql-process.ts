import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'orgql.js');

export interface OrgqlProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  /** Resolves with the first JSON log line matching `predicate`. */
  waitForLog(predicate: (line: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

const alive = new Set<ChildProcess>();
// A test that fails half-way must not leave a server running (jest would wait for it forever).
afterAll(() => {
  for (const child of alive) child.kill('SIGKILL');
});

/** Runs the built `orgql` command (bin/orgql.js) as a user would, with JSON logs. */
export function spawnOrgql(args: string[], env: Record<string, string | undefined> = {}): OrgqlProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    // The embedded emulator on a free port: test files run in parallel and must not fight over 4566.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ORGQL_LOG_FORMAT: 'json', ORGQL_EMULATOR_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const waiter of waiters) waiter();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  alive.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      alive.delete(child);
      resolve(code);
    }),
  );

  const parsedLines = () =>
    out.split('\n').flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, any>];
      } catch {
        return [];
      }
    });

  return {
    child,
    output: () => out,
    exited,
    waitForLog(predicate, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = parsedLines().find(predicate);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => reject(new Error(`timed out waiting for a log line; output:\n${out}`)), timeoutMs);
        waiters.push(check);
        void exited.then(() => {
          check();
          clearTimeout(timer);
          reject(new Error(`orgql exited before the expected log line; output:\n${out}`));
        });
        check();
      });
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs `orgql ...` to completion. */
export async function runOrgql(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number | null; output: string }> {
  const proc = spawnOrgql(args, env);
  const code = await proc.exited;
  return { code, output: proc.output() };
}

/**
 * The admin key a first `orgql serve` printed to its terminal (stderr; see bootstrapBanner). It may
 * arrive after the ready line, which goes to stdout, so this waits for it.
 */
export async function printedAdminKey(proc: OrgqlProcess, timeoutMs = 10_000): Promise<string> {
  const pattern = /^\s+(orgql_[a-f0-9]{16}_[A-Za-z0-9_-]{43})$/m;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(proc.output());
    if (match) return match[1] as string;
    if (Date.now() > deadline || proc.child.exitCode !== null) throw new Error(`orgql printed no admin key; output:\n${proc.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
