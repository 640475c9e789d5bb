import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { runOrgql, spawnOrgql, type OrgqlProcess } from '../support/orgql-process';
import { createTestDatabase, databaseEnv, type TestDatabase } from '../support/test-database';

// Needs the built CLI (npm run build). Issue 14: "a restart keeps the org", ids and all.
const client = (endpoint: string) =>
  new OrganizationsClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });

async function organizationIds(endpoint: string) {
  const c = client(endpoint);
  try {
    const organization = (await c.send(new DescribeOrganizationCommand({}))).Organization!;
    const root = (await c.send(new ListRootsCommand({}))).Roots![0]!;
    const ous = (await c.send(new ListOrganizationalUnitsForParentCommand({ ParentId: root.Id! }))).OrganizationalUnits ?? [];
    const accounts = (await c.send(new ListAccountsCommand({}))).Accounts ?? [];
    return { organizationId: organization.Id, rootId: root.Id, ous: ous.map((ou) => [ou.Id, ou.Name]), accounts: accounts.map((a) => [a.Id, a.Email]) };
  } finally {
    c.destroy();
  }
}

async function createOu(endpoint: string, name: string): Promise<string> {
  const c = client(endpoint);
  try {
    const rootId = (await c.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    return (await c.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: name }))).OrganizationalUnit!.Id!;
  } finally {
    c.destroy();
  }
}

describe('orgql serve with the embedded emulator, restarted', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  async function serve(): Promise<{ proc: OrgqlProcess; emulatorUrl: string; origin: string }> {
    const proc = spawnOrgql(['serve', '--port', '0'], { ...databaseEnv(db), ORGQL_EMULATOR_SEED: 'empty' });
    const started = await proc.waitForLog((l) => typeof l.emulatorUrl === 'string' && typeof l.origin === 'string');
    await proc.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('orgql is ready'));
    return { proc, emulatorUrl: started.emulatorUrl, origin: started.origin };
  }

  it('comes back to the same organization (seed empty: random ids), with the change made just before the stop', async () => {
    const first = await serve();
    expect(first.origin).toBe('seeded');
    const ouId = await createOu(first.emulatorUrl, 'Made before the stop');
    const before = await organizationIds(first.emulatorUrl);
    expect(before.ous).toEqual([[ouId, 'Made before the stop']]);
    expect(await first.proc.stop()).toBe(0);

    const second = await serve();
    try {
      expect(second.origin).toBe('restored');
      expect(await organizationIds(second.emulatorUrl)).toEqual(before);
    } finally {
      expect(await second.proc.stop()).toBe(0);
    }
    const saved = JSON.parse(readFileSync(path.join(db.dataDir, 'emulator-state.json'), 'utf8'));
    expect(saved).toMatchObject({ format: 'orgql-emulator-state', organizationId: before.organizationId });
  });
});

describe('orgql serve with an emulator state it cannot use', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'orgql-state-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stops with exit 2 naming a corrupt state file, which it leaves as it is', async () => {
    const file = path.join(dir, 'emulator-state.json');
    writeFileSync(file, '[1, 2, "not-a-state"]');
    const { code, output } = await runOrgql(['serve', '--port', '0'], { ORGQL_DATA_DIR: dir, ORGQL_EMULATOR_SEED: 'empty' });
    expect(code).toBe(2);
    expect(output).toContain(`The emulator state file ${file} cannot be used`);
    expect(output).not.toContain('not-a-state');
    expect(readFileSync(file, 'utf8')).toBe('[1, 2, "not-a-state"]');
  });

  it('stops with exit 2 when the state cannot be written, saying so rather than blaming a port', async () => {
    const notADirectory = path.join(dir, 'a-file');
    writeFileSync(notADirectory, '');
    const { code, output } = await runOrgql(['emulator', '--port', '0', '--state', path.join(notADirectory, 'org.json')]);
    expect(code).toBe(2);
    expect(output).toMatch(/The emulator state file .*org\.json cannot be written \((ENOTDIR|EEXIST)\)/);
  });
});

describe('orgql emulator --state FILE', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'orgql-state-'));
    file = path.join(dir, 'org.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function emulator(...extra: string[]): Promise<{ proc: OrgqlProcess; url: string; origin: string }> {
    const proc = spawnOrgql(['emulator', '--port', '0', '--state', file, ...extra]);
    const line = await proc.waitForLog((l) => typeof l.url === 'string');
    return { proc, url: line.url, origin: line.origin };
  }

  it('keeps the organization across restarts, applies --seed only to a new file, and starts over with --reset', async () => {
    const first = await emulator('--seed', 'demo');
    const ouId = await createOu(first.url, 'Kept');
    const kept = await organizationIds(first.url);
    expect(kept.organizationId).toBe('o-orgqldemo01');
    expect(await first.proc.stop()).toBe(0);

    // --seed empty would make a new organization: the file wins.
    const second = await emulator('--seed', 'empty');
    expect(second.origin).toBe('restored');
    expect(await organizationIds(second.url)).toEqual(kept);
    expect(await second.proc.stop()).toBe(0);

    const reset = await emulator('--seed', 'demo', '--reset');
    try {
      expect(reset.origin).toBe('seeded');
      const fresh = await organizationIds(reset.url);
      expect(fresh.organizationId).toBe('o-orgqldemo01');
      expect(fresh.ous.map(([id]) => id)).not.toContain(ouId);
    } finally {
      expect(await reset.proc.stop()).toBe(0);
    }
    expect(readFileSync(file, 'utf8')).not.toContain(ouId);
  });

  it('refuses a corrupt state file with exit 2, naming the file, never quoting it, and leaves it untouched', async () => {
    const corrupt = '{"format":"orgql-emulator-state","note":"do-not-print-me",';
    writeFileSync(file, corrupt);
    const { code, output } = await runOrgql(['emulator', '--port', '0', '--state', file]);
    expect(code).toBe(2);
    expect(output).toContain(file);
    expect(output).not.toContain('do-not-print-me');
    expect(readFileSync(file, 'utf8')).toBe(corrupt);
  });

  it('refuses --reset without --state (exit 2)', async () => {
    const { code, output } = await runOrgql(['emulator', '--port', '0', '--reset']);
    expect(code).toBe(2);
    expect(output).toContain('--reset');
  });
});
