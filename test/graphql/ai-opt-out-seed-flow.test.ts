import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_SEED } from '../../src/emulator/seed/demo-seed';
import { READ_UPSTREAM, startTestGateway, type TestGateway } from '../support/gateway-harness';
import { auditRows, lastIntent } from './support/audit-rows';
import { countUpstreamCalls } from './support/upstream-stats';

const AI = 'AISERVICES_OPT_OUT_POLICY';
const OPT_OUT_ALL = { services: { default: { opt_out_policy: { '@@assign': 'optOut' } } } };
const ATTACH = `mutation($p: ID!, $t: ID!, $ack: [Acknowledgement!]) { attachPolicy(policyId: $p, targetId: $t, acknowledge: $ack) { target { id } auditEventId } }`;
const PREVIEW = `query($p: ID!) { previewPolicyChange(type: ${AI}, changes: [{ kind: ATTACH, policyId: $p, targetId: "r-demo" }]) {
  impacts { account { id } deletesStoredContent deletedContentServices resumesContentUse } appliesInAllRegions requiredAcknowledgements } }`;

/** The demo organization's tree with no policy and no policy type: the demo seed's own flow starts here. */
function demoTreeWithoutPolicies(dir: string): string {
  const strip = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(strip)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (k === 'policies' || k === 'enabledPolicyTypes' ? [] : [[k, strip(v)]])))
        : value;
  const file = path.join(dir, 'demo-tree.json');
  writeFileSync(file, JSON.stringify(strip(DEMO_SEED)));
  return file;
}

describe("the demo seed's own flow on an organization without policies: opting every account out needs an acknowledgement", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'orgql-ack-'));
  let t: TestGateway;
  let policyId: string;
  let accountIds: string[];
  beforeAll(async () => {
    t = await startTestGateway({ ORGQL_EMULATOR_SEED: demoTreeWithoutPolicies(dir) });
    await t.data(`mutation { enablePolicyType(rootId: "r-demo", type: ${AI}) { auditEventId } }`);
    const created = await t.data(`mutation($c: JSON!) { createPolicy(input: { name: "OptOutAllByDefault", type: ${AI}, content: $c }) { policy { id } } }`, {
      c: OPT_OUT_ALL,
    });
    policyId = created.createPolicy.policy.id;
    accountIds = (await t.data(`{ accounts(first: 100) { edges { node { id } } } }`)).accounts.edges.map((e: { node: { id: string } }) => e.node.id);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('previews every account as losing the stored content of every service, in all Regions', async () => {
    const { previewPolicyChange: preview } = await t.data(PREVIEW, { p: policyId });
    expect(preview.impacts.map((i: { account: { id: string } }) => i.account.id).sort()).toEqual([...accountIds].sort());
    for (const impact of preview.impacts) {
      expect(impact).toMatchObject({ deletesStoredContent: true, resumesContentUse: [] });
      expect(impact.deletedContentServices).toEqual(expect.arrayContaining(['default', 'lex', 'rekognition']));
    }
    expect(preview).toMatchObject({ appliesInAllRegions: true, requiredAcknowledgements: ['STORED_CONTENT_DELETION'] });
  });

  it('refuses the attachment to the root without the acknowledgement, lists every account, sends nothing upstream, and records the attempt', async () => {
    const { result, stats } = await countUpstreamCalls(t.gateway.emulatorUrl!, () => t.graphql(ATTACH, { p: policyId, t: 'r-demo' }));
    expect(result.body.errors).toHaveLength(1);
    const { extensions } = result.body.errors![0]!;
    expect(extensions).toMatchObject({ code: 'ACKNOWLEDGEMENT_REQUIRED', acknowledgement: 'STORED_CONTENT_DELETION', allRegions: true });
    expect(extensions!.affected.map((a: { accountId: string }) => a.accountId).sort()).toEqual([...accountIds].sort());
    expect(extensions!.affected).toContainEqual({
      accountId: '888888888888',
      accountName: 'ML Research',
      services: expect.arrayContaining(['default', 'lex']),
    });
    expect(stats.total).toBe(0);

    const intent = await lastIntent(t, 'attachPolicy');
    expect(intent).toMatchObject({ policyId, targetId: 'r-demo', arguments: { policyId, targetId: 'r-demo' } });
    expect(intent!.results[0]).toMatchObject({ outcome: 'FAILED', errorCode: 'ACKNOWLEDGEMENT_REQUIRED' });
    const upstream = await t.graphql(`{ roots { policies(type: ${AI}) { policy { id } } } }`, undefined, READ_UPSTREAM);
    expect(upstream.body.data!.roots).toEqual([{ policies: [] }]);
  });

  it('attaches it with acknowledge: [STORED_CONTENT_DELETION], with the acknowledgement on the audit event', async () => {
    const attached = (await t.data(ATTACH, { p: policyId, t: 'r-demo', ack: ['STORED_CONTENT_DELETION'] })).attachPolicy;
    const [intent, result] = await auditRows(t, attached.auditEventId);
    expect(intent!.arguments).toEqual({ policyId, targetId: 'r-demo', acknowledge: ['STORED_CONTENT_DELETION'] });
    expect(result).toMatchObject({ outcome: 'SUCCEEDED' });
    const effective = await t.data(`{ effectivePolicy(accountId: "888888888888", type: ${AI}, source: UPSTREAM) { content } }`);
    expect(effective.effectivePolicy.content).toEqual({ services: { default: { opt_out_policy: 'optOut' } } });
  });
});
