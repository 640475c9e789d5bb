import { ORGANIZATIONS_READS, type OrganizationsReader } from '../domain/ports';
import type { RequestMirror } from '../graphql/request-mirror';
import { mirrorReader, type MirrorFallback } from '../mirror/mirror-reader';
import type { MirrorSnapshot } from '../mirror/mirror-snapshot';
import type { OrgMirror } from '../mirror/org-mirror';

export type Consistency = 'MIRROR' | 'UPSTREAM';

/** `x-orgql-consistency: upstream` makes a request read AWS directly; anything else reads the mirror. */
export function consistencyOf(header: string | string[] | undefined): Consistency {
  return typeof header === 'string' && header.trim().toLowerCase() === 'upstream' ? 'UPSTREAM' : 'MIRROR';
}

/** One reader per snapshot (they are immutable), shared by every request that reads it. */
const readers = new WeakMap<MirrorSnapshot, { fallback: MirrorFallback; reader: OrganizationsReader }>();

function readerOf(snapshot: MirrorSnapshot, fallback: MirrorFallback): OrganizationsReader {
  const known = readers.get(snapshot);
  if (known && known.fallback === fallback) return known.reader;
  const reader = mirrorReader(snapshot, fallback);
  readers.set(snapshot, { fallback, reader });
  return reader;
}

/** What the shared delegating methods need of one request. */
interface Pinned {
  current(): Promise<OrganizationsReader>;
}

/** The port's reads, made once: each asks the request's current reader (see requestMirrorView). */
const DELEGATING: Record<string, unknown> = {};
for (const name of ORGANIZATIONS_READS) {
  DELEGATING[name] = async function (this: Pinned, ...args: unknown[]) {
    const target = await this.current();
    return (target[name] as (...a: unknown[]) => Promise<unknown>)(...args);
  };
}

/**
 * What one GraphQL request reads. MIRROR: one snapshot, taken when the request starts (or, before
 * the first sync, when its first read has waited for it, up to the ready deadline: MIRROR_NOT_READY
 * after that); a mutation's refresh moves the request to the version holding its own write.
 * UPSTREAM: the SDK reader, as before the mirror existed. Built for every request, so the readers
 * and the delegating methods are shared, not made anew.
 */
export function requestMirrorView(
  mirror: OrgMirror,
  upstream: OrganizationsReader,
  consistency: Consistency,
): { reader: OrganizationsReader; mirror: RequestMirror } {
  const fallback: MirrorFallback = upstream;
  let pinned: MirrorSnapshot | undefined = consistency === 'MIRROR' ? mirror.current() : undefined;
  let reader: OrganizationsReader | undefined = pinned ? readerOf(pinned, fallback) : undefined;
  const pin = (snapshot: MirrorSnapshot) => {
    if (pinned === snapshot) return;
    pinned = snapshot;
    reader = readerOf(snapshot, fallback);
  };
  let upstreamUntilReady = false;
  const current = async (): Promise<OrganizationsReader> => {
    if (reader) return reader;
    const latest = mirror.current();
    if (latest) pin(latest);
    else if (upstreamUntilReady) return upstream;
    if (reader) return reader;
    pin(await mirror.ready());
    return reader!;
  };
  const view: RequestMirror = {
    consistency,
    async refresh(refs, cause) {
      await mirror.refresh(refs, cause);
      const latest = mirror.current();
      if (consistency === 'MIRROR' && latest) pin(latest);
    },
    status: () => mirror.status(),
    readUpstreamUntilReady: () => {
      upstreamUntilReady = true;
    },
    stamp: () => {
      const snapshot = pinned ?? mirror.current();
      return snapshot ? { version: snapshot.version, syncedAt: snapshot.syncedAt, tagsSyncedAt: snapshot.tagsSyncedAt } : undefined;
    },
  };
  if (consistency === 'UPSTREAM') return { reader: upstream, mirror: view };
  const delegating = Object.create(DELEGATING) as Record<string, unknown> & Pinned;
  delegating.current = current;
  // An account created by createAccount appears when its request succeeds, asynchronously: the
  // first read that sees the success brings the account into the mirror (orgql's own change, not drift).
  delegating.describeCreateAccountStatus = async (requestId: string) => {
    const status = await upstream.describeCreateAccountStatus(requestId);
    const known = await current();
    if (status.state === 'SUCCEEDED' && status.accountId && known !== upstream && !pinned?.get('ACCOUNT', status.accountId)) {
      await view
        .refresh(
          [
            { kind: 'ACCOUNT', id: status.accountId },
            { kind: 'TAGS', resourceId: status.accountId },
          ],
          { kind: 'MUTATION', auditEventId: '', upstreamRequestId: undefined },
        )
        .catch(() => undefined);
    }
    return status;
  };
  return { reader: delegating as unknown as OrganizationsReader, mirror: view };
}
