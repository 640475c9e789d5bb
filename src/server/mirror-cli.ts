import type { Command } from 'commander';
import { MIRROR_LEADER_LOCK_KEY } from '../database/advisory-leadership';
import { openDatabase } from '../database/database';
import { PrismaMirrorStore } from '../mirror/prisma-mirror-store';
import type { StoredHead } from '../mirror/mirror-store';
import type { Config } from './config';
import { MIRROR_STATUS_PATH, MIRROR_SYNC_PATH } from './mirror-route';
import { findRunningServer } from './running-server';

interface MirrorFlags {
  readonly url?: string;
  readonly json?: boolean;
}

class MirrorCliError extends Error {}

/**
 * `orgql mirror status` and `orgql mirror sync`, while the server runs. With --url (or ORGQL_URL),
 * or on the embedded database (which belongs to the running server), they ask the server over HTTP
 * with an admin key from ORGQL_API_KEY. On PostgreSQL they read the mirror's state row, and a sync
 * is asked of the leading replica through NOTIFY on orgql_mirror.
 */
export function addMirrorCommands(program: Command, loadConfig: () => Config): void {
  const mirror = program.command('mirror').description("Inspect or refresh the org mirror of a running gateway (see README, 'The org mirror')");
  mirror
    .command('status')
    .description('Show the mirror: state, version, when it last synced, whether a replica leads')
    .option('--url <url>', 'the running gateway (env ORGQL_URL; default: over the database, or http://ORGQL_HOST:ORGQL_PORT for the embedded one)')
    .option('--json', 'print JSON')
    .action(async (flags: MirrorFlags) => {
      const config = loadConfig();
      const report = viaHttp(config, flags) ? await overHttp(config, flags, 'GET', MIRROR_STATUS_PATH) : await statusFromDatabase(config);
      print(report, flags.json === true);
    });
  mirror
    .command('sync')
    .description('Run a full sync now (the leading replica runs it) and show the status after')
    .option('--url <url>', 'the running gateway (env ORGQL_URL)')
    .option('--json', 'print JSON')
    .action(async (flags: MirrorFlags) => {
      const config = loadConfig();
      const report = viaHttp(config, flags) ? await overHttp(config, flags, 'POST', MIRROR_SYNC_PATH) : await syncThroughDatabase(config);
      print(report, flags.json === true);
    });
}

function viaHttp(config: Config, flags: MirrorFlags): boolean {
  return flags.url !== undefined || config.cli.url !== undefined || config.database.kind === 'pglite';
}

async function overHttp(config: Config, flags: MirrorFlags, method: 'GET' | 'POST', path: string): Promise<Record<string, unknown>> {
  const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
  // A gateway on the embedded database announces its URL beside it (running-server.ts).
  const announced = config.database.kind === 'pglite' ? await findRunningServer(config.database) : undefined;
  const base = flags.url ?? config.cli.url ?? announced ?? `http://${host}:${config.http.port}`;
  if (!config.cli.apiKey) {
    throw new MirrorCliError('Set ORGQL_API_KEY to an admin API key (orgql apikey create NAME --role admin): the running gateway answers this only to admins.');
  }
  let response: Response;
  try {
    response = await fetch(new URL(path, base), { method, headers: { authorization: `Bearer ${config.cli.apiKey}` } });
  } catch {
    throw new MirrorCliError(`No orgql gateway answers at ${base}; start it (orgql serve) or pass --url.`);
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const errors = (body.errors as Array<{ message?: string }> | undefined) ?? [];
    throw new MirrorCliError(`The gateway answered ${response.status}: ${errors.map((e) => e.message).join('; ') || 'no details'}`);
  }
  return body;
}

async function withStore<T>(config: Config, work: (store: PrismaMirrorStore, leaderRunning: () => Promise<boolean>) => Promise<T>): Promise<T> {
  const db = await openDatabase(config.database);
  try {
    const leaderRunning = async () => {
      // The leader holds the advisory lock (a bigint key: classid 0, objid the key, objsubid 1).
      const rows = await db.prisma.$queryRaw<Array<{ n: bigint | number }>>`
        SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = ${MIRROR_LEADER_LOCK_KEY} AND objsubid = 1 AND granted`;
      return Number(rows[0]?.n ?? 0) > 0;
    };
    return await work(new PrismaMirrorStore(db.prisma), leaderRunning);
  } catch (error) {
    if (error instanceof MirrorCliError) throw error;
    throw new MirrorCliError(
      `The mirror's state could not be read from the database (have the migrations run? orgql migrate): ${(error as Error).message.split('\n')[0]}`,
    );
  } finally {
    await db.close();
  }
}

function headJson(head: StoredHead, leaderRunning: boolean): Record<string, unknown> {
  return {
    state: head.status,
    version: head.version,
    syncedAt: head.syncedAt?.toISOString() ?? null,
    tagsSyncedAt: head.tagsSyncedAt?.toISOString() ?? null,
    leaderRunning,
    lastError: head.lastError ?? undefined,
  };
}

function statusFromDatabase(config: Config): Promise<Record<string, unknown>> {
  return withStore(config, async (store, leaderRunning) => headJson(await store.head(), await leaderRunning()));
}

function syncThroughDatabase(config: Config): Promise<Record<string, unknown>> {
  return withStore(config, async (store, leaderRunning) => {
    if (!(await leaderRunning()))
      throw new MirrorCliError('No orgql gateway leads the mirror on this database; start one (orgql serve): it syncs when it starts.');
    const asked = (await store.head()).syncedAt?.getTime() ?? 0;
    await store.requestSync();
    const deadline = Date.now() + 10 * 60_000;
    while (Date.now() < deadline) {
      const head = await store.head();
      const synced = head.syncedAt?.getTime() ?? 0;
      if (synced > asked && (head.tagsSyncedAt?.getTime() ?? 0) >= synced) return headJson(head, true);
      if (head.status === 'FAILED' || (head.lastError && synced <= asked && head.status === 'STALE')) {
        throw new MirrorCliError(`The sync failed: ${head.lastError ?? 'see the gateway log'}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new MirrorCliError('The leading gateway did not finish the sync within 10 minutes; see its log.');
  });
}

function print(report: Record<string, unknown>, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  for (const [key, value] of Object.entries(report)) {
    if (value === undefined) continue;
    process.stdout.write(`${key.padEnd(22)} ${value === null ? '-' : String(value)}\n`);
  }
}
