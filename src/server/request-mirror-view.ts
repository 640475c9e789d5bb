import type { OrganizationsReader } from '../domain/ports';
import type { RequestMirror } from '../graphql/request-mirror';
import { mirrorReader, type MirrorFallback } from '../mirror/mirror-reader';
import type { MirrorSnapshot } from '../mirror/mirror-snapshot';
import type { OrgMirror } from '../mirror/org-mirror';

const READS: ReadonlyArray<keyof OrganizationsReader> = [
  'describeOrganization', 'listRoots', 'listOrganizationalUnitsForParent', 'listAccountsForParent', 'listParent', 'describeAccount',
  'describeOrganizationalUnit', 'listTagsForResource', 'describePolicy', 'listPolicies', 'listPoliciesForTarget', 'listTargetsForPolicy',
  'describeEffectivePolicy', 'describeCreateAccountStatus', 'listCreateAccountStatuses',
];

export type Consistency = 'MIRROR' | 'UPSTREAM';

/** `x-orgql-consistency: upstream` makes a request read AWS directly; anything else reads the mirror. */
export function consistencyOf(header: string | string[] | undefined): Consistency {
  return typeof header === 'string' && header.trim().toLowerCase() === 'upstream' ? 'UPSTREAM' : 'MIRROR';
}

/**
 * What one GraphQL request reads. MIRROR: one snapshot, taken when the request starts (or, before
 * the first sync, when its first read has waited for it, up to the ready deadline: MIRROR_NOT_READY
 * after that); a mutation's refresh moves the request to the version holding its own write.
 * UPSTREAM: the SDK reader, as before the mirror existed.
 */
export function requestMirrorView(mirror: OrgMirror, upstream: OrganizationsReader, consistency: Consistency): { reader: OrganizationsReader; mirror: RequestMirror } {
  const fallback: MirrorFallback = upstream;
  let pinned: MirrorSnapshot | undefined = consistency === 'MIRROR' ? mirror.current() : undefined;
  let reader: OrganizationsReader | undefined = pinned ? mirrorReader(pinned, fallback) : undefined;
  const pin = (snapshot: MirrorSnapshot) => {
    if (pinned === snapshot) return;
    pinned = snapshot;
    reader = mirrorReader(snapshot, fallback);
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
  const delegating: Record<string, unknown> = {};
  for (const name of READS) {
    delegating[name] = async (...args: unknown[]) => {
      const target = await current();
      return (target[name] as (...a: unknown[]) => Promise<unknown>)(...args);
    };
  }
  // An account created by createAccount appears when its request succeeds, asynchronously: the
  // first read that sees the success brings the account into the mirror (orgql's own change, not drift).
  delegating.describeCreateAccountStatus = async (requestId: string) => {
    const status = await upstream.describeCreateAccountStatus(requestId);
    const known = await current();
    if (status.state === 'SUCCEEDED' && status.accountId && known !== upstream && !(pinned?.get('ACCOUNT', status.accountId))) {
      await view.refresh([{ kind: 'ACCOUNT', id: status.accountId }, { kind: 'TAGS', resourceId: status.accountId }], { kind: 'MUTATION', auditEventId: '', upstreamRequestId: undefined }).catch(() => undefined);
    }
    return status;
  };
  return { reader: delegating as unknown as OrganizationsReader, mirror: view };
}
