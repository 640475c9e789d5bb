import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { mirrorSettled, startTestGateway, type TestGateway } from '../support/gateway-harness';
import { generatedOrgSeed } from '../support/generated-org-seed';
import { POSTURE_ROW, sdkClient, settingsFromAws, settingsOfReport } from './support/posture-from-aws';
import { countUpstreamCalls } from './support/upstream-stats';

// `first` as a variable: the page size is the gateway's limit (1,000), not a literal the cost limit multiplies.
const PAGE = `query($after: String, $first: Int) { aiOptOutPosture(expect: OPT_OUT) {
  services totals { service optedIn optedOut pass fail unknown }
  accounts(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${POSTURE_ROW} } } } } }`;

describe('AI opt-out posture of a generated 1,000-account organization', () => {
  let emulator: RunningEmulator;
  let t: TestGateway;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: generatedOrgSeed({ accounts: 1000, topOus: 5, childrenPerTop: 12, policies: 10 }).seed });
    // Pacing off: the emulator does not throttle, and AWS's rates would make the first sync take minutes.
    t = await startTestGateway({ ORGQL_ORGANIZATIONS_ENDPOINT: emulator.url, ORGQL_UPSTREAM_RATE_SCALE: '0' });
    await mirrorSettled(t.gateway, 60_000);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await emulator?.close();
  });

  it('equals, account by account and service by service, what DescribeEffectivePolicy says through the AWS SDK, with no upstream call', async () => {
    const rows: { accountId: string; services: { service: string; setting: string | null; source: string | null }[] }[] = [];
    let services: string[] = [];
    let totals: { service: string; optedIn: number; optedOut: number }[] = [];
    const { stats } = await countUpstreamCalls(emulator.url, async () => {
      let after: string | null = null;
      for (;;) {
        const { aiOptOutPosture }: any = await t.data(PAGE, { after, first: 400 });
        services = aiOptOutPosture.services;
        totals = aiOptOutPosture.totals;
        rows.push(...aiOptOutPosture.accounts.edges.map((e: { node: (typeof rows)[number] }) => e.node));
        if (!aiOptOutPosture.accounts.pageInfo.hasNextPage) break;
        after = aiOptOutPosture.accounts.pageInfo.endCursor;
      }
    });
    expect(stats.total).toBe(0);
    expect(rows).toHaveLength(1000);
    expect(new Set(rows.map((r) => r.accountId)).size).toBe(1000);
    // The generated policies name lex, polly, rekognition, ... and set both values somewhere.
    expect(totals.some((x) => x.optedIn > 0) && totals.some((x) => x.optedOut > 0)).toBe(true);
    for (const x of totals) expect(x.optedIn + x.optedOut).toBe(1000);

    const client = sdkClient(emulator.url);
    try {
      const aws = await settingsFromAws(
        client,
        rows.map((r) => r.accountId),
        services,
      );
      expect(aws.size).toBe(1000 * services.length);
      expect(settingsOfReport(rows)).toEqual(aws);
    } finally {
      client.destroy();
    }
  }, 120_000);
});
