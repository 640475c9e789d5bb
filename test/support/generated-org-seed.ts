import type { SeedDocument, SeedOrganizationalUnit } from '../../src/emulator';

export interface GeneratedOrgShape {
  readonly accounts: number;
  /** OUs directly under the root. */
  readonly topOus: number;
  /** Child OUs under each top OU. */
  readonly childrenPerTop: number;
  /** AI opt-out policies: one on the root, then one per top OU, the rest on every third child OU. */
  readonly policies: number;
}

export interface GeneratedOrg {
  readonly seed: SeedDocument;
  /** The root and every OU. */
  readonly parents: number;
  /** Every account, the management account included. */
  readonly accounts: number;
  readonly policies: number;
}

/**
 * A flat-ish organization of a given size with stable ids, for load tests and benchmarks (issue 10
 * measures 1,000 accounts under 66 parents with 10 AI opt-out policies: `{ accounts: 1000,
 * topOus: 5, childrenPerTop: 12, policies: 10 }`). Accounts are dealt round-robin over the OUs.
 */
export function generatedOrgSeed(shape: GeneratedOrgShape): GeneratedOrg {
  const optOut = (service: string, value: 'optIn' | 'optOut') => ({ services: { [service]: { opt_out_policy: { '@@assign': value } } } });
  const services = ['default', 'lex', 'polly', 'rekognition', 'comprehend', 'textract', 'transcribe', 'translate'];
  const policies = Array.from({ length: shape.policies }, (_, i) => ({
    id: `p-generated${String(i).padStart(3, '0')}`,
    name: `Generated${i}`,
    type: 'AISERVICES_OPT_OUT_POLICY' as const,
    content: optOut(i === 0 ? 'default' : services[i % services.length]!, i % 2 === 0 ? 'optOut' : 'optIn'),
  }));
  let nextPolicy = 1;
  const takePolicy = (): string[] => (nextPolicy < shape.policies ? [policies[nextPolicy++]!.id] : []);

  const ous: SeedOrganizationalUnit[] = [];
  const top = Array.from({ length: shape.topOus }, (_, t) => {
    const children = Array.from({ length: shape.childrenPerTop }, (_, c) => {
      const ou: SeedOrganizationalUnit = { name: `OU-${t}-${c}` };
      ous.push(ou);
      return ou;
    });
    const ou: SeedOrganizationalUnit = { name: `OU-${t}`, policies: takePolicy(), organizationalUnits: children };
    ous.push(ou);
    return ou;
  });
  ous
    .filter((ou) => !ou.policies)
    .forEach((ou, i) => {
      if (i % 3 === 0) ou.policies = takePolicy();
    });
  for (let i = 1; i < shape.accounts; i++) {
    const ou = ous[i % ous.length]!;
    ou.accounts = [...(ou.accounts ?? []), { id: String(300000000000 + i), name: `Account ${i}`, email: `account${i}@example.com` }];
  }
  const seed: SeedDocument = {
    organization: { id: 'o-generated01', createdAt: '2024-01-15T09:00:00Z' },
    root: { id: 'r-gen0', name: 'Root', policies: shape.policies > 0 ? [policies[0]!.id] : [] },
    enabledPolicyTypes: ['AISERVICES_OPT_OUT_POLICY'],
    policies,
    accounts: [{ id: '111111111111', name: 'Management', email: 'management@example.com', management: true }],
    organizationalUnits: top,
  };
  return { seed, parents: 1 + ous.length, accounts: shape.accounts, policies: shape.policies };
}
