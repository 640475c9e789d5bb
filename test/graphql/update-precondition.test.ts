import { OrganizationsClient, UpdatePolicyCommand } from '@aws-sdk/client-organizations';
import { contentHash } from '../../src/domain/content-hash';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { eventually } from '../mirror/support';
import { mirrorSettled, startTestGateway, type TestGateway } from '../support/gateway-harness';

const AI = 'AISERVICES_OPT_OUT_POLICY';
const optIn = (service: string) => JSON.stringify({ services: { [service]: { opt_out_policy: { '@@assign': 'optIn' } } } });
const CREATE = `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { policy { id contentHash } } }`;
const UPDATE = `mutation($input: UpdatePolicyInput!) { updatePolicy(input: $input) { policy { content } } }`;
const OUT_OF_BAND = `{ auditEvents(filter: { origin: OUT_OF_BAND }) { totalCount edges { node { upstreamAction policyId } } } }`;

/**
 * updatePolicy's expectedContentHash is checked against AWS, not against the mirror: here the
 * upstream emulator sends no events, so the mirror cannot know of a change made with the AWS SDK.
 */
describe('an update whose precondition a change made outside orgql broke', () => {
  let emulator: RunningEmulator;
  let t: TestGateway;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 'demo' });
    t = await startTestGateway({ ORGQL_ORGANIZATIONS_ENDPOINT: emulator.url });
    await mirrorSettled(t.gateway);
  });
  afterAll(async () => {
    await t?.close();
    await emulator?.close();
  });

  it('is refused with CONFLICT naming the hash AWS holds, and the outside change is recorded', async () => {
    const { policy } = (await t.data(CREATE, { input: { name: 'Contended', type: AI, content: optIn('lex') } })).createPolicy;
    const sdk = new OrganizationsClient({ endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIAOUTSIDE', secretAccessKey: 'x' } });
    await sdk.send(new UpdatePolicyCommand({ PolicyId: policy.id, Content: optIn('polly') }));

    const { body } = await t.graphql(UPDATE, { input: { id: policy.id, content: optIn('translate'), expectedContentHash: policy.contentHash } });
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      expectedContentHash: policy.contentHash,
      currentContentHash: contentHash(optIn('polly')),
    });
    // The observation is appended by the drift recorder, after the refresh that found it.
    const observed = await eventually(
      async () => {
        const edges = (await t.data(OUT_OF_BAND)).auditEvents.edges as Array<{ node: { upstreamAction: string; policyId: string } }>;
        return edges.find((e) => e.node.policyId === policy.id)?.node;
      },
      10_000,
      'the outside change in the audit log',
    );
    expect(observed.upstreamAction).toBe('Precondition:POLICY');
    expect((await t.data(`query($id: ID!) { policy(id: $id) { content } }`, { id: policy.id })).policy.content).toEqual(JSON.parse(optIn('polly')));
  });
});
