import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { printedAdminKey, runOrgql, spawnOrgql, type OrgqlProcess } from '../support/orgql-process';
import { secretOf } from '../support/api-key-parts';

// Needs the built CLI (npm run build).
const KEY = /orgql_[a-f0-9]{16}_[A-Za-z0-9_-]{43}/;
// Every step spawns the CLI (and the last opens PGlite itself): slow on a loaded machine.
jest.setTimeout(120_000);

/**
 * Issue 14: "the CLI's apikey and audit commands work while the server runs on the embedded
 * database". PGlite admits one process, so the CLI finds the running gateway (its URL in a file
 * beside the database) and asks it over HTTP with ORGQL_API_KEY; the gateway audits the changes.
 */
describe('orgql apikey and orgql audit while orgql serve holds the embedded database', () => {
  let dataDir: string;
  let server: OrgqlProcess;
  let graphqlUrl: string;
  let adminKey: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'orgql-cli-serving-'));
    // The embedded database: no DATABASE_URL.
    env = { ORGQL_DATA_DIR: dataDir };
    server = spawnOrgql(['serve', '--port', '0'], env);
    // A fresh PGlite database is created and migrated first: on a loaded machine (the whole suite on
    // two cores) that alone has taken more than 30 s, so this waits longer than the default.
    graphqlUrl = (await server.waitForLog((line) => typeof line.graphql === 'string' && /ready/.test(String(line.msg)), 150_000)).graphql as string;
    adminKey = await printedAdminKey(server, 30_000);
  }, 200_000);
  afterAll(async () => {
    if (server) await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const ask = async (key: string) => {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ roots { id } }' }),
    });
    return response.status;
  };

  it('says which variable to set when no key is given, and changes nothing', async () => {
    const { code, output } = await runOrgql(['apikey', 'create', '--name', 'ci', '--role', 'viewer'], env);
    expect(code).toBe(2);
    expect(output).toMatch(/ORGQL_API_KEY: the gateway at http:\/\/127\.0\.0\.1:\d+\/ holds the embedded database/);
    expect(output).not.toMatch(KEY);
  });

  it('refuses a key the gateway does not accept, naming ORGQL_API_KEY (exit 2)', async () => {
    const { code, output } = await runOrgql(['apikey', 'list'], {
      ...env,
      ORGQL_API_KEY: 'orgql_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    expect(code).toBe(2);
    expect(output).toMatch(/ORGQL_API_KEY: the gateway at .* refused it/);
  });

  let ciKey: string;
  it('creates a key through the running gateway; it works at once', async () => {
    const { code, output } = await runOrgql(['apikey', 'create', '--name', 'ci', '--role', 'viewer'], { ...env, ORGQL_API_KEY: adminKey });
    expect({ code, output }).toEqual({ code: 0, output: expect.stringMatching(/Created API key "ci" \(viewer, id [a-f0-9]{16}\)/) });
    ciKey = KEY.exec(output)![0];
    expect(await ask(ciKey)).toBe(200);
  });

  it('lists keys through the gateway, never their secrets', async () => {
    const { code, output } = await runOrgql(['apikey', 'list'], { ...env, ORGQL_API_KEY: adminKey });
    expect(code).toBe(0);
    expect(output).toMatch(/^ci\tviewer\t[a-f0-9]{16}\t\S+\tactive$/m);
    expect(output).toMatch(/^bootstrap-admin\tadmin\t/m);
    expect(output).not.toMatch(KEY);
  });

  it('refuses a duplicate name with exit 2, and a role without ADMIN with exit 2', async () => {
    const duplicate = await runOrgql(['apikey', 'create', '--name', 'ci', '--role', 'admin'], { ...env, ORGQL_API_KEY: adminKey });
    expect(duplicate.code).toBe(2);
    expect(duplicate.output).toMatch(/--name: An active API key named "ci" exists/);
    const asViewer = await runOrgql(['apikey', 'create', '--name', 'other', '--role', 'admin'], { ...env, ORGQL_API_KEY: ciKey });
    expect(asViewer.code).toBe(2);
    expect(asViewer.output).toMatch(/ORGQL_API_KEY: Your role does not allow Mutation.createApiKey/);
  });

  it('revokes the key through the gateway; the next request with it gets 401', async () => {
    const { code, output } = await runOrgql(['apikey', 'revoke', 'ci'], { ...env, ORGQL_API_KEY: adminKey });
    expect({ code, output }).toEqual({ code: 0, output: expect.stringMatching(/Revoked API key "ci"/) });
    expect(await ask(ciKey)).toBe(401);
    const again = await runOrgql(['apikey', 'revoke', 'ci'], { ...env, ORGQL_API_KEY: adminKey });
    expect(again.code).toBe(2);
    expect(again.output).toMatch(/no active API key named "ci"/);
  });

  it('signs a checkpoint through the gateway (auditor or admin), which verify then holds the chain to', async () => {
    const refused = await runOrgql(['audit', 'checkpoint'], env);
    expect(refused.code).toBe(2);
    expect(refused.output).toMatch(/ORGQL_API_KEY/);
    const { code, output } = await runOrgql(['audit', 'checkpoint'], { ...env, ORGQL_API_KEY: adminKey });
    expect(code).toBe(0);
    expect(output).toMatch(/^checkpoint: sequence [1-9]\d*, hash [0-9a-f]{64}, (written to the gateway's checkpoint directory \(\S+\.json\)|already signed)/m);
    // The server's own path never leaves it.
    expect(output).not.toContain(dataDir);
    const verified = await runOrgql(['audit', 'verify'], { ...env, ORGQL_API_KEY: adminKey });
    expect(verified.code).toBe(0);
    expect(verified.output).toMatch(/^checkpoints: [1-9]\d* match/m);
  });

  let exportedWhileServing: Array<Record<string, any>>;
  it('exports and verifies the audit log through the gateway, key changes included', async () => {
    const exported = await runOrgql(['audit', 'export'], { ...env, ORGQL_API_KEY: adminKey });
    expect(exported.code).toBe(0);
    exportedWhileServing = exported.output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    // create ci (intent, result), the refused duplicate (intent, result), revoke ci (intent, result), ...
    const keyChanges = exportedWhileServing.filter((e) => e.upstreamAction === 'orgql:CreateApiKey' || e.upstreamAction === 'orgql:RevokeApiKey');
    expect(keyChanges.length).toBeGreaterThanOrEqual(6);
    expect(exported.output).not.toContain(secretOf(ciKey));

    const verified = await runOrgql(['audit', 'verify'], { ...env, ORGQL_API_KEY: adminKey });
    expect(verified.code).toBe(0);
    expect(verified.output).toMatch(new RegExp(`^OK: ${exportedWhileServing.length} rows verified`, 'm'));
    // The gateway holds the log to its checkpoints too (verifyAuditChain's checkpoints).
    expect(verified.output).toMatch(/^checkpoints: (none yet|\d+ match)/m);
    expect(verified.output).not.toContain('not checked through the running gateway');
  });

  it('opens the database itself once the gateway has stopped (no key needed), and audits its own changes', async () => {
    expect(await server.stop()).toBe(0);
    expect(existsSync(path.join(dataDir, 'pgdata.server.json'))).toBe(false);
    const created = await runOrgql(['apikey', 'create', '--name', 'offline', '--role', 'auditor'], env);
    expect(created.code).toBe(0);
    const verified = await runOrgql(['audit', 'verify'], env);
    expect(verified.code).toBe(0);
    // The two rows of the offline change follow the rows exported while the gateway ran.
    expect(verified.output).toMatch(new RegExp(`^OK: ${exportedWhileServing.length + 2} rows verified`, 'm'));
  });
});
