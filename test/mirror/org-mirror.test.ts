import { TagResourceCommand } from '@aws-sdk/client-organizations';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import type { MirrorChange, RefreshCause } from '../../src/domain/mirror';
import { mirrorSettled } from '../support/gateway-harness';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { clientFor } from '../emulator/harness';
import { eventually, startReplica, type Replica } from './support';
import { describeOnPostgres } from '../support/on-postgres';

const AI = 'AISERVICES_OPT_OUT_POLICY';
const EVERYTHING = `{
  organization { id mirror { version status } }
  roots { id policies(type: ${AI}) { policy { id } } organizationalUnits { id name tags { key value } accounts { id name email state joinedMethod } } }
  accounts(first: 100) { totalCount edges { node { id parent { id } path { id } } } }
  policies(type: ${AI}) { edges { node { id content targets { id } } } }
  effectivePolicies(type: ${AI}) { account { id } content }
  node(id: "444444444444") { id ... on Account { tags { key value } } }
}`;

describeOnPostgres('the org mirror in the gateway (PostgreSQL, emulator over HTTP)', () => {
  let emulator: RunningEmulator;
  let db: TestDatabase;
  const open: Replica[] = [];
  const replica = async (env: Record<string, string> = {}, key?: string) => {
    const started = await startReplica(db, { ORGQL_ORGANIZATIONS_ENDPOINT: emulator.url, ORGQL_MIRROR_LEADER_RETRY_MS: '100', ...env }, key);
    open.push(started);
    return started;
  };

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 'demo' });
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const r of open) await r.close().catch(() => undefined);
    await db.drop();
    await emulator.close();
  });

  let first: Replica & { adminKey: string };

  it('answers every read from the mirror with no upstream call once the first sync is done', async () => {
    first = await replica();
    await mirrorSettled(first.gateway);
    const upstream = await first.graphql(EVERYTHING, undefined, { 'x-orgql-consistency': 'upstream' });
    expect(upstream.body.errors).toBeUndefined();
    await fetch(`${emulator.url}/_emulator/reset-stats`, { method: 'POST' });
    const answer = await first.graphql(EVERYTHING);
    expect(answer.body.errors).toBeUndefined();
    expect(emulator.stats().total).toBe(0);
    const { organization: _o1, ...fromMirror } = answer.body.data;
    const { organization: _o2, ...fromUpstream } = upstream.body.data;
    expect(fromMirror).toEqual(fromUpstream);
    expect(answer.body.data.organization.mirror).toEqual({ version: expect.any(Number), status: 'READY' });
    expect(answer.body.extensions.orgql.mirror).toEqual({ version: answer.body.data.organization.mirror.version, syncedAt: expect.any(String) });
  });

  it('lets a caller read its own write: the payload and the next read come from the new version', async () => {
    const before = first.gateway.mirror.status().version;
    const created = await first.graphql(
      `mutation($content: JSON!) { createPolicy(input: { name: "MirrorRYW", type: ${AI}, content: $content }) { policy { id name } } }`,
      { content: { services: { polly: { opt_out_policy: { '@@assign': 'optIn' } } } } },
    );
    expect(created.body.errors).toBeUndefined();
    const policyId = created.body.data.createPolicy.policy.id;
    const attached = await first.graphql(
      `mutation { attachPolicy(policyId: "${policyId}", targetId: "444444444444") { target { id ... on Account { policies(type: ${AI}) { policy { id } } } } } }`,
    );
    expect(attached.body.errors).toBeUndefined();
    expect(attached.body.data.attachPolicy.target.policies.map((p: any) => p.policy.id)).toContain(policyId);
    await fetch(`${emulator.url}/_emulator/reset-stats`, { method: 'POST' });
    const read = await first.graphql(
      `{ policy(id: "${policyId}") { targets { id } } effectivePolicy(accountId: "444444444444", type: ${AI}) { content } organization { mirror { version } } }`,
    );
    expect(read.body.data.policy.targets).toEqual([{ id: '444444444444' }]);
    expect(read.body.data.effectivePolicy.content.services.polly).toEqual({ opt_out_policy: 'optIn' });
    expect(read.body.data.organization.mirror.version).toBeGreaterThan(before);
    expect(emulator.stats().total).toBe(0);
  });

  it('starts warm from the persisted state after a restart, without a sync', async () => {
    const version = first.gateway.mirror.status().version;
    const key = first.adminKey;
    await first.close();
    open.splice(open.indexOf(first), 1);
    await fetch(`${emulator.url}/_emulator/reset-stats`, { method: 'POST' });
    first = await replica({}, key);
    expect(first.gateway.mirror.current()?.version).toBe(version);
    const answer = await first.graphql(`{ policies(type: ${AI}) { edges { node { name } } } }`);
    expect(answer.body.data.policies.edges.map((e: any) => e.node.name)).toContain('MirrorRYW');
    expect(emulator.stats().calls.ListPolicies).toBeUndefined();
    expect(emulator.stats().calls.ListRoots).toBeUndefined();
  });

  it('shares one mirror between two replicas: one syncs, a write through one is read through the other within 1 s, and the other takes over when the leader closes', async () => {
    const second = await replica({}, first.adminKey);
    await eventually(() => (second.gateway.mirror.current() ? true : undefined), 5000, 'second replica serves the mirror');
    const leaders = [first, second].filter((r) => r.gateway.mirror.status().leader);
    expect(leaders).toHaveLength(1);
    expect(leaders[0]).toBe(first);
    expect(second.gateway.mirror.status().upstreamCallsLastSync).toBeUndefined();

    const tagged = await first.graphql(
      `mutation { tagResource(resourceId: "555555555555", tags: [{ key: "mirror", value: "replicated" }]) { resource { id } } }`,
    );
    expect(tagged.body.errors).toBeUndefined();
    const returned = Date.now();
    await eventually(
      async () => {
        const { body } = await second.graphql(`{ account(id: "555555555555") { tags { key value } } }`);
        return body.data.account.tags.some((t: any) => t.key === 'mirror' && t.value === 'replicated') ? true : undefined;
      },
      1000,
      'the tag written through the first replica is read through the second',
    );
    expect(Date.now() - returned).toBeLessThan(1000);

    const drift: Array<{ changes: readonly MirrorChange[]; cause: RefreshCause }> = [];
    second.gateway.mirror.onDrift(async (changes, cause) => void drift.push({ changes, cause }));
    await first.close();
    open.splice(open.indexOf(first), 1);
    await eventually(() => (second.gateway.mirror.status().leader ? true : undefined), 5000, 'the second replica takes the lead');

    // A change made outside orgql, found by the new leader's sync and reported as drift.
    await clientFor(emulator).send(new TagResourceCommand({ ResourceId: '666666666666', Tags: [{ Key: 'outside', Value: 'cli' }] }));
    const status = await second.gateway.mirror.sync();
    expect(status).toMatchObject({ state: 'READY', leader: true, upstreamCallsLastSync: expect.any(Number) });
    const change = drift
      .flatMap((d) => d.changes.map((c) => ({ ...c, cause: d.cause })))
      .find((c) => c.ref.kind === 'TAGS' && (c.ref as any).resourceId === '666666666666');
    expect(change).toMatchObject({ cause: { kind: 'SYNC' }, after: expect.arrayContaining([{ key: 'outside', value: 'cli' }]) });
    expect(change!.before).not.toContainEqual({ key: 'outside', value: 'cli' });
  });
});

describe('before the first sync', () => {
  it('waits up to the deadline, then answers MIRROR_NOT_READY with 503 and Retry-After; /readyz says why', async () => {
    const emulator = await startEmulator({ seed: 'demo', latencyMs: 150 });
    const db = await createTestDatabase();
    const r = await startReplica(db, { ORGQL_ORGANIZATIONS_ENDPOINT: emulator.url, ORGQL_MIRROR_READY_TIMEOUT_MS: '100' });
    try {
      const answer = await r.graphql(`{ organization { id } }`);
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(answer.body.errors[0].extensions).toMatchObject({ code: 'MIRROR_NOT_READY', retryAfterSeconds: 1 });
      const ready = await fetch(new URL('/readyz', r.gateway.url));
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as any).mirror.state).toMatch(/^(EMPTY|SYNCING)$/);
      await r.gateway.mirror.ready(30_000);
      const later = await r.graphql(`{ organization { id } }`);
      expect(later.body.data.organization.id).toMatch(/^o-/);
    } finally {
      await r.close();
      await db.drop();
      await emulator.close();
    }
  }, 60_000);
});
