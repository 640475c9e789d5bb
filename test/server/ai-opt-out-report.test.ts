import { startTestGateway, type TestGateway } from '../support/gateway-harness';
import { spawnOrgql } from '../support/orgql-process';

const SERVICES_PER_ACCOUNT = 'aiOptOutPosture { services accounts { totalCount } }';

describe('GET /reports/ai-opt-out and orgql report ai-opt-out', () => {
  let t: TestGateway;
  let viewer: string;
  let services: string[];
  let accounts: number;
  beforeAll(async () => {
    t = await startTestGateway();
    viewer = await t.keyFor('viewer');
    const { aiOptOutPosture } = await t.data(`{ ${SERVICES_PER_ACCOUNT} }`);
    services = aiOptOutPosture.services;
    accounts = aiOptOutPosture.accounts.totalCount;
  });
  afterAll(() => t.close());

  const get = (query: string, key = viewer) => fetch(new URL(`/reports/ai-opt-out?${query}`, t.gateway.url), { headers: { authorization: `Bearer ${key}` } });

  // Operators start with @, which a spreadsheet reads as a formula: they are guarded like any such cell.
  it('gives a viewer the CSV: the header row, then one row per account and service', async () => {
    const response = await get('format=csv&expect=OPT_OUT');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      'accountId,accountName,service,setting,status,source,policyId,policyName,nodeId,operator,locked,lockedByPolicyId,lockedAtNodeId,unknownReason',
    );
    expect(lines).toHaveLength(1 + accounts * services.length);
    expect(lines).toContain(
      `444444444444,Web Prod,comprehend,OPT_OUT,PASS,SERVICE_KEY,p-lockcomprehend,LockComprehendOptOut,ou-demo-workloads,"'@@assign",true,p-lockcomprehend,ou-demo-workloads,`,
    );
    expect(lines).toContain(`888888888888,ML Research,lex,OPT_IN,FAIL,SERVICE_KEY,p-allowlexoptin,AllowLexOptIn,ou-demo-mlplatform,"'@@assign",false,,,`);
  });

  it('gives NDJSON, one parsable object per account and service, narrowed by under and services', async () => {
    const response = await get('format=ndjson&under=ou-demo-mlplatform&services=lex,polly');
    expect(response.status).toBe(200);
    const rows = (await response.text())
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(rows.map((r) => `${r.accountId} ${r.service} ${r.setting}`)).toEqual([
      '888888888888 lex OPT_IN',
      '888888888888 polly OPT_OUT',
      '999999999999 lex OPT_IN',
      '999999999999 polly OPT_OUT',
    ]);
    expect(rows[0]).toMatchObject({ status: null, source: 'SERVICE_KEY', policyId: 'p-allowlexoptin', locked: false });
  });

  it('keeps an account name that starts like a formula as text in the CSV', async () => {
    await t.data(`mutation { createOrganizationalUnit(parentId: "r-demo", name: "Formulas") { organizationalUnit { id } } }`);
    const { createAccount } = await t.data(
      `mutation { createAccount(email: "formula@example.com", accountName: "=HYPERLINK(1)") { createAccountStatus { id } } }`,
    );
    expect(createAccount.createAccountStatus.id).toEqual(expect.any(String));
    const deadline = Date.now() + 20_000;
    let csv = '';
    while (!csv.includes('HYPERLINK') && Date.now() < deadline) {
      await t.data(`{ createAccountStatus(id: "${createAccount.createAccountStatus.id}") { state } }`);
      csv = await (await get('format=csv&services=lex')).text();
    }
    expect(csv).toContain(`"'=HYPERLINK(1)"`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });

  it('answers a bad format, expect or under with a typed 400', async () => {
    for (const [query, argument] of [
      ['format=xlsx', 'format'],
      ['expect=MAYBE', 'expect'],
      ['under=p-aioptoutall', undefined],
      ['services=a%20b', 'services'],
    ] as const) {
      const response = await get(query);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
      if (argument) expect(body.errors[0]!.extensions.argument).toBe(argument);
    }
    expect((await get('under=ou-demo-nothere1')).status).toBe(404);
  });

  it('refuses a caller without a key', async () => {
    expect((await get('format=csv', '')).status).toBe(401);
  });

  const cli = async (args: string[]) => {
    const child = spawnOrgql(['report', 'ai-opt-out', ...args], { ORGQL_URL: t.gateway.url, ORGQL_API_KEY: viewer });
    const code = await child.exited;
    return { code, output: child.output() };
  };

  it('prints the report as a table, and as CSV, from the command line', async () => {
    const table = await cli(['--format', 'table', '--under', 'ou-demo-workloads', '--services', 'comprehend', '--expect', 'OPT_OUT']);
    expect(table.code).toBe(0);
    const lines = table.output.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ACCOUNT\s+NAME\s+SERVICE\s+SETTING\s+SOURCE\s+STATUS\s+LOCKED\s+DECIDED BY\s+AT$/);
    expect(lines).toHaveLength(1 + 6);
    expect(lines.find((l) => l.startsWith('444444444444'))).toMatch(
      /comprehend\s+OPT_OUT\s+SERVICE_KEY\s+PASS\s+true\s+LockComprehendOptOut\s+ou-demo-workloads/,
    );
    const csv = await cli(['--format', 'csv', '--services', 'default,lex']);
    expect(csv.code).toBe(0);
    expect(csv.output.split('\r\n')[0]).toMatch(/^accountId,accountName,service,setting,status/);
  });

  it('says what is wrong with a bad option, with exit code 2', async () => {
    const result = await cli(['--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.output).toMatch(/--format: must be csv, ndjson or table/);
  });
});
