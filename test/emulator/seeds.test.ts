import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeAccountCommand,
  DescribeEffectivePolicyCommand,
  ListAccountsCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-organizations';
import { loadSeedFile, seededRandom } from '../../src/emulator';
import type { SeedDocument } from '../../src/emulator';
import { startTestEmulator } from './harness';

const writeSeed = (content: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'orgql-seed-')), 'seed.json');
  writeFileSync(path, content);
  return path;
};

const SMALL: SeedDocument = {
  organization: { id: 'o-smallorg01' },
  root: { id: 'r-smal' },
  enabledPolicyTypes: ['SERVICE_CONTROL_POLICY', 'AISERVICES_OPT_OUT_POLICY'],
  policies: [
    { name: 'LexIn', type: 'AISERVICES_OPT_OUT_POLICY', content: { services: { lex: { opt_out_policy: { '@@assign': 'optIn' } } } } },
    { name: 'LexOut', type: 'AISERVICES_OPT_OUT_POLICY', content: '{"services":{"lex":{"opt_out_policy":{"@@assign":"optOut"}}}}' },
  ],
  accounts: [{ id: '210987654321', name: 'Boss', email: 'boss@example.com', management: true }],
  organizationalUnits: [
    {
      name: 'Team',
      tags: [{ Key: 'team', Value: 'a' }],
      accounts: [{ id: '123456789012', name: 'Dev', email: 'dev@example.com', policies: ['LexOut', 'LexIn'] }],
    },
  ],
};

describe('seeds', () => {
  it('starts a fresh organization with a root, a management account and no policy types', async () => {
    const t = await startTestEmulator({ random: seededRandom(7) });
    const { Roots } = await t.client.send(new ListRootsCommand({}));
    expect(Roots?.[0]?.Id).toMatch(/^r-[0-9a-z]{4,32}$/);
    expect(Roots?.[0]?.PolicyTypes).toEqual([]);
    const { Accounts } = await t.client.send(new ListAccountsCommand({}));
    expect(Accounts).toHaveLength(1);
    expect(Accounts?.[0]?.Id).toMatch(/^\d{12}$/);
    expect(Accounts?.[0]?.Arn).toMatch(/^arn:aws:organizations::\d{12}:account\/o-[a-z0-9]{10,32}\/\d{12}$/);
    // The account that created the organization is listed as INVITED, as in AWS's ListAccounts example.
    expect(Accounts?.[0]?.JoinedMethod).toBe('INVITED');
    await t.close();
  });

  it('gives the same ids for the same injected random source', async () => {
    const ids = async () => {
      const t = await startTestEmulator({ random: seededRandom(42) });
      const roots = await t.client.send(new ListRootsCommand({}));
      await t.close();
      return roots.Roots?.[0]?.Arn;
    };
    expect(await ids()).toBe(await ids());
  });

  it('builds the demo organization: three OU levels, eleven accounts, AI opt-out enabled', async () => {
    const t = await startTestEmulator({ seed: 'demo' });
    expect((await t.client.send(new ListAccountsCommand({}))).Accounts).toHaveLength(11);
    expect((await t.client.send(new DescribeAccountCommand({ AccountId: '555555555555' }))).Account?.Paths?.[0]?.split('/')).toHaveLength(7);
    expect((await t.client.send(new DescribeAccountCommand({ AccountId: '121212121212' }))).Account?.State).toBe('SUSPENDED');
    await t.close();
  });

  it('loads a seed file: nested OUs, attachments in order, auto-attached FullAWSAccess, tags', async () => {
    const seed = loadSeedFile(writeSeed(JSON.stringify(SMALL)));
    const t = await startTestEmulator({ seed });
    const attached = await t.client.send(new ListPoliciesForTargetCommand({ TargetId: '123456789012', Filter: 'AISERVICES_OPT_OUT_POLICY' }));
    expect(attached.Policies?.map((p) => p.Name)).toEqual(['LexOut', 'LexIn']);
    const scps = await t.client.send(new ListPoliciesForTargetCommand({ TargetId: '123456789012', Filter: 'SERVICE_CONTROL_POLICY' }));
    expect(scps.Policies?.map((p) => p.Id)).toEqual(['p-FullAWSAccess']);
    const eff = await t.client.send(new DescribeEffectivePolicyCommand({ PolicyType: 'AISERVICES_OPT_OUT_POLICY', TargetId: '123456789012' }));
    expect(eff.EffectivePolicy?.PolicyContent).toBeDefined();
    const ou = (await t.client.send(new DescribeAccountCommand({ AccountId: '123456789012' }))).Account?.Paths?.[0]?.split('/')[2];
    expect(ou).toMatch(/^ou-smal-[a-z0-9]{8}$/);
    expect((await t.client.send(new ListTagsForResourceCommand({ ResourceId: ou }))).Tags).toEqual([{ Key: 'team', Value: 'a' }]);
    await t.close();
  });

  it('never echoes the content of a file that is not a seed (a key or a password file given by mistake)', () => {
    for (const content of ['root:x:0:0:hunter2-secret:/root:/bin/bash\n', 'hunter2-secret', '{"password": hunter2-secret}']) {
      let message = '';
      try {
        loadSeedFile(writeSeed(content));
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/is not valid JSON/);
      expect(message).not.toMatch(/hunter2|root:x/);
    }
  });

  it('refuses a seed file with clear messages', () => {
    expect(() => loadSeedFile('/nonexistent/seed.json')).toThrow(/Cannot read seed file/);
    expect(() => loadSeedFile(writeSeed('{oops'))).toThrow(/not valid JSON at line 1, column 2$/);
    expect(() => loadSeedFile(writeSeed('{"accounts":[{"id":"12","name":"x","email":"x@example.com"}]}'))).toThrow(/12 digits/);
    expect(() => loadSeedFile(writeSeed('{"colour":"blue"}'))).toThrow(/colour/);
    const missingRef = { ...SMALL, root: { id: 'r-smal', policies: ['Nope'] } };
    expect(() => loadSeedFile(writeSeed(JSON.stringify(missingRef)))).toThrow(/root\.policies\[0\].*Nope/);
    const notEnabled = { ...SMALL, enabledPolicyTypes: [] };
    expect(() => loadSeedFile(writeSeed(JSON.stringify(notEnabled)))).toThrow(/PolicyTypeNotEnabledException/);
    const malformed = { ...SMALL, policies: [{ name: 'Bad', type: 'AISERVICES_OPT_OUT_POLICY', content: '{"services":1}' }] };
    expect(() => loadSeedFile(writeSeed(JSON.stringify(malformed)))).toThrow(/policies\[0\].*MalformedPolicyDocumentException/);
    const deep = {
      organizationalUnits: [
        {
          name: '1',
          organizationalUnits: [
            {
              name: '2',
              organizationalUnits: [
                { name: '3', organizationalUnits: [{ name: '4', organizationalUnits: [{ name: '5', organizationalUnits: [{ name: '6' }] }] }] },
              ],
            },
          ],
        },
      ],
    };
    expect(() => loadSeedFile(writeSeed(JSON.stringify(deep)))).toThrow(/at most 5 levels/);
  });
});
