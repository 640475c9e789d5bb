import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataDirInUseError, holdDataDirLock } from '../../src/database/data-dir-lock';

/**
 * The embedded database's lock is the operating system's: held while its process lives, gone when it
 * dies, whatever PID the next process gets (in a container, every start may be PID 1).
 */
const BUILT_LOCK = path.resolve(__dirname, '..', '..', 'dist', 'database', 'data-dir-lock.js');

/** Another process that takes the lock and says so; it holds it until killed. */
async function holderProcess(dataDir: string) {
  const child = spawn(
    process.execPath,
    ['-e', `require(${JSON.stringify(BUILT_LOCK)}).holdDataDirLock(${JSON.stringify(dataDir)}); console.log('held'); setInterval(() => {}, 1000);`],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('held')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', () => reject(new Error(`the holder exited: ${output}`)));
  });
  return {
    kill: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

describe('the embedded database lock', () => {
  let dir: string;
  let dataDir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'orgql-lock-'));
    dataDir = path.join(dir, 'pgdata');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second holder while a live process holds it, naming ORGQL_DATA_DIR', async () => {
    const holder = await holderProcess(dataDir);
    try {
      expect(() => holdDataDirLock(dataDir)).toThrow(DataDirInUseError);
      expect(() => holdDataDirLock(dataDir)).toThrow(/in use by another process.*ORGQL_DATA_DIR/);
    } finally {
      await holder.kill();
    }
  });

  it('is free again as soon as its holder is killed (kill -9 leaves no stale lock)', async () => {
    const holder = await holderProcess(dataDir);
    await holder.kill();
    const lock = holdDataDirLock(dataDir);
    lock.release();
  });

  it('is not blocked by a lock file left by a dead process whose PID is ours now (PID 1 in a container)', () => {
    // What a killed container leaves: the old pid file naming the PID this process has now, and the lock file.
    writeFileSync(`${dataDir}.pid`, String(process.pid));
    writeFileSync(`${dataDir}.lock`, '');
    const lock = holdDataDirLock(dataDir);
    lock.release();
  });

  it('is not blocked by a pid file naming a live process (PID 1, the container init)', () => {
    writeFileSync(`${dataDir}.pid`, '1');
    const lock = holdDataDirLock(dataDir);
    lock.release();
  });

  it('keeps a second opener in the same process out until the first releases it', () => {
    const first = holdDataDirLock(dataDir);
    expect(() => holdDataDirLock(dataDir)).toThrow(DataDirInUseError);
    first.release();
    const second = holdDataDirLock(dataDir);
    second.release();
  });
});
