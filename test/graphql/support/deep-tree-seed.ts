import type { SeedDocument, SeedOrganizationalUnit } from '../../../src/emulator';

/**
 * A 5-level organization with 500 accounts: 4 top OUs, each with 2 children, then single chains
 * down to level 5 (36 OUs, 37 parents with the root). Each level-5 OU holds 50 accounts (three
 * upstream pages), the other OUs share the rest. AI opt-out policies sit on the root, on every top
 * OU, two (in a known order) on each level-5 OU, plus `extraPolicies` unattached ones for paging.
 */
export function deepTreeSeed(extraPolicies = 40): { seed: SeedDocument; parents: number; accounts: number; attachedPolicies: number } {
  const assign = (service: string, value: 'optIn' | 'optOut') => ({ services: { [service]: { opt_out_policy: { '@@assign': value } } } });
  const policies: NonNullable<SeedDocument['policies']> = [
    { id: 'p-deeproot01', name: 'RootOptOut', type: 'AISERVICES_OPT_OUT_POLICY', content: assign('default', 'optOut') },
    { id: 'p-deeptop001', name: 'TopLexIn', type: 'AISERVICES_OPT_OUT_POLICY', content: assign('lex', 'optIn') },
    { id: 'p-deepfirst1', name: 'LeafPollyIn', type: 'AISERVICES_OPT_OUT_POLICY', content: assign('polly', 'optIn') },
    { id: 'p-deepsecnd1', name: 'LeafPollyOut', type: 'AISERVICES_OPT_OUT_POLICY', content: assign('polly', 'optOut') },
  ];
  for (let i = 0; i < extraPolicies; i++) {
    policies.push({
      id: `p-deepextra${String(i).padStart(3, '0')}`,
      name: `Extra${i}`,
      type: 'AISERVICES_OPT_OUT_POLICY',
      content: assign('translate', 'optIn'),
    });
  }
  let accountNumber = 0;
  const accounts = (n: number) =>
    Array.from({ length: n }, () => {
      accountNumber++;
      return { id: String(200000000000 + accountNumber), name: `Account ${accountNumber}`, email: `account${accountNumber}@example.com` };
    });
  const small: SeedOrganizationalUnit[] = [];
  const chain = (name: string, level: number): SeedOrganizationalUnit => {
    const ou: SeedOrganizationalUnit = { name: `${name}-L${level}` };
    if (level === 5) {
      ou.accounts = accounts(50);
      ou.policies = ['p-deepfirst1', 'p-deepsecnd1'];
    } else {
      small.push(ou);
      ou.organizationalUnits = [chain(`${name}`, level + 1)];
    }
    return ou;
  };
  const top = ['A', 'B', 'C', 'D'].map((name) => {
    const ou: SeedOrganizationalUnit = { name: `${name}-L1`, policies: ['p-deeptop001'], organizationalUnits: [chain(`${name}1`, 2), chain(`${name}2`, 2)] };
    small.push(ou);
    return ou;
  });
  // 8 leaves x 50 = 400 accounts; the management account plus 99 more spread over the other OUs.
  for (let i = 0; i < 99; i++) {
    const ou = small[i % small.length]!;
    ou.accounts = [...(ou.accounts ?? []), ...accounts(1)];
  }
  const seed: SeedDocument = {
    organization: { id: 'o-deeptree01', createdAt: '2024-01-15T09:00:00Z' },
    root: { id: 'r-deep', name: 'Root', policies: ['p-deeproot01'] },
    enabledPolicyTypes: ['AISERVICES_OPT_OUT_POLICY'],
    policies,
    accounts: [{ id: '111111111111', name: 'Management', email: 'management@example.com', management: true }],
    organizationalUnits: top,
  };
  return { seed, parents: 1 + small.length + 8, accounts: accountNumber + 1, attachedPolicies: 4 };
}
