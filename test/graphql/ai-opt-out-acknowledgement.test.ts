import { READ_UPSTREAM, startTestGateway, type TestGateway } from '../support/gateway-harness';
import { lastIntent } from './support/audit-rows';
import { countUpstreamCalls } from './support/upstream-stats';

const AI = 'AISERVICES_OPT_OUT_POLICY';
const ACK = ['STORED_CONTENT_DELETION'];
const ATTACH = `mutation($p: ID!, $t: ID!, $ack: [Acknowledgement!]) { attachPolicy(policyId: $p, targetId: $t, acknowledge: $ack) { auditEventId } }`;
const DETACH = `mutation($p: ID!, $t: ID!, $ack: [Acknowledgement!]) { detachPolicy(policyId: $p, targetId: $t, acknowledge: $ack) { auditEventId } }`;
const MOVE = `mutation($a: ID!, $to: ID!, $ack: [Acknowledgement!]) { moveAccount(accountId: $a, destinationParentId: $to, acknowledge: $ack) { account { parent { id } } } }`;
const UPDATE = `mutation($id: ID!, $c: JSON!, $ack: [Acknowledgement!]) { updatePolicy(input: { id: $id, content: $c, acknowledge: $ack }) { policy { id } } }`;
const lexOut = { services: { lex: { opt_out_policy: { '@@assign': 'optOut' } } } };
/** ML Platform's two accounts, opted in to Lex by p-allowlexoptin below the root's opt-out of everything. */
const ML_PLATFORM_LEX = [
  { accountId: '888888888888', accountName: 'ML Research', services: ['lex'] },
  { accountId: '999999999999', accountName: 'Contact Center', services: ['lex'] },
];

describe('changes to the demo organization that would delete AI services stored content need acknowledge: [STORED_CONTENT_DELETION]', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  /** Sends a change, expecting ACKNOWLEDGEMENT_REQUIRED with nothing sent upstream; answers the error's extensions. */
  async function refused(query: string, variables: Record<string, unknown>, operation: string) {
    const { result, stats } = await countUpstreamCalls(t.gateway.emulatorUrl!, () => t.graphql(query, variables));
    expect(result.body.errors?.map((e) => e.extensions?.code)).toEqual(['ACKNOWLEDGEMENT_REQUIRED']);
    expect(stats.total).toBe(0);
    expect((await lastIntent(t, operation))!.results[0]).toMatchObject({ outcome: 'FAILED', errorCode: 'ACKNOWLEDGEMENT_REQUIRED' });
    return result.body.errors![0]!.extensions!;
  }
  const mlPlatformPolicies = async () =>
    (await t.graphql(`{ organizationalUnit(id: "ou-demo-mlplatform") { policies(type: ${AI}) { policy { id } } } }`, undefined, READ_UPSTREAM)).body.data!
      .organizationalUnit.policies;

  it('needs it to detach an opt-in that overrode the root opt-out, naming the accounts that lose Lex content', async () => {
    const extensions = await refused(DETACH, { p: 'p-allowlexoptin', t: 'ou-demo-mlplatform' }, 'detachPolicy');
    expect(extensions).toMatchObject({ acknowledgement: 'STORED_CONTENT_DELETION', allRegions: true, affected: ML_PLATFORM_LEX });
    expect(await mlPlatformPolicies()).toEqual([{ policy: { id: 'p-allowlexoptin' } }]);

    await t.data(DETACH, { p: 'p-allowlexoptin', t: 'ou-demo-mlplatform', ack: ACK });
    expect(await mlPlatformPolicies()).toEqual([]);
  });

  it('needs none to opt back in, and the preview says Lex may store and use content from now on', async () => {
    const { previewPolicyChange: preview } = await t.data(
      `{ previewPolicyChange(type: ${AI}, changes: [{ kind: ATTACH, policyId: "p-allowlexoptin", targetId: "ou-demo-mlplatform" }]) {
        impacts { account { id } deletesStoredContent deletedContentServices resumesContentUse } appliesInAllRegions requiredAcknowledgements } }`,
    );
    expect(preview).toEqual({
      impacts: ML_PLATFORM_LEX.map(({ accountId }) => ({
        account: { id: accountId },
        deletesStoredContent: false,
        deletedContentServices: [],
        resumesContentUse: ['lex'],
      })),
      appliesInAllRegions: true,
      requiredAcknowledgements: [],
    });
    await t.data(ATTACH, { p: 'p-allowlexoptin', t: 'ou-demo-mlplatform' });
    expect(await mlPlatformPolicies()).toEqual([{ policy: { id: 'p-allowlexoptin' } }]);
  });

  it('needs it to move an account opted in to Lex into an OU opted out of everything', async () => {
    const extensions = await refused(MOVE, { a: '888888888888', to: 'ou-demo-development' }, 'moveAccount');
    expect(extensions.affected).toEqual([ML_PLATFORM_LEX[0]]);
    const parent = await t.graphql(`{ account(id: "888888888888") { parent { id } } }`, undefined, READ_UPSTREAM);
    expect(parent.body.data!.account.parent).toEqual({ id: 'ou-demo-mlplatform' });

    const moved = await t.data(MOVE, { a: '888888888888', to: 'ou-demo-development', ack: ACK });
    expect(moved.moveAccount.account.parent).toEqual({ id: 'ou-demo-development' });
    expect((await lastIntent(t, 'moveAccount'))!.arguments).toMatchObject({ acknowledge: ACK });
  });

  it('leaves a move to a parent the mirror does not know to AWS, which refuses it', async () => {
    const { body } = await t.graphql(MOVE, { a: '999999999999', to: 'ou-demo-nowhere1' });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', upstreamException: 'DestinationParentNotFoundException' });
  });

  it('needs it to change an opt-in policy to optOut', async () => {
    const extensions = await refused(UPDATE, { id: 'p-allowlexoptin', c: lexOut }, 'updatePolicy');
    expect(extensions.affected).toEqual([ML_PLATFORM_LEX[1]]);
    await t.data(UPDATE, { id: 'p-allowlexoptin', c: lexOut, ack: ACK });
  });

  it('leaves other policy types alone: a tag policy attaches to the root without any acknowledgement', async () => {
    await t.data(`mutation { enablePolicyType(rootId: "r-demo", type: TAG_POLICY) { auditEventId } }`);
    const { policy } = (
      await t.data(`mutation($c: JSON!) { createPolicy(input: { name: "Team", type: TAG_POLICY, content: $c }) { policy { id } } }`, {
        c: { tags: { team: { tag_key: { '@@assign': 'Team' } } } },
      })
    ).createPolicy;
    await t.data(ATTACH, { p: policy.id, t: 'r-demo' });
    const { previewPolicyChange: preview } = await t.data(
      `query($p: ID!) { previewPolicyChange(type: TAG_POLICY, changes: [{ kind: DETACH, policyId: $p, targetId: "r-demo" }]) { impacts { deletesStoredContent } appliesInAllRegions requiredAcknowledgements } }`,
      { p: policy.id },
    );
    expect(preview.impacts.length).toBeGreaterThan(0);
    expect(preview).toMatchObject({ appliesInAllRegions: false, requiredAcknowledgements: [] });
    expect(preview.impacts.every((i: { deletesStoredContent: boolean }) => !i.deletesStoredContent)).toBe(true);
  });
});
