import type { SeedDocument } from './seed-document';

/**
 * The `demo` organization: stable ids (valid per the model's patterns) so docs and screenshots stay
 * reproducible. Three OU levels, eleven accounts, AI services opt-out policies enabled, with
 * - a root policy opting every service out by default,
 * - a Workloads policy locking Comprehend to optOut (children cannot change it: @@none),
 * - an ML Platform policy opting Lex back in (the UG "Example 2" pattern),
 * plus one unattached policy for listings.
 */
const optOut = (service: string, lock = false): Record<string, unknown> => ({
  [service]: {
    opt_out_policy: {
      ...(lock ? { '@@operators_allowed_for_child_policies': ['@@none'] } : {}),
      '@@assign': 'optOut',
    },
  },
});

export const DEMO_SEED: SeedDocument = {
  organization: { id: 'o-orgqldemo01', createdAt: '2024-01-15T09:00:00Z' },
  root: { id: 'r-demo', name: 'Root', policies: ['p-aioptoutall'], tags: [{ Key: 'owner', Value: 'platform-team' }] },
  enabledPolicyTypes: ['AISERVICES_OPT_OUT_POLICY'],
  policies: [
    {
      id: 'p-aioptoutall',
      name: 'OptOutAllByDefault',
      description: 'Opt every account out of AI service data use',
      type: 'AISERVICES_OPT_OUT_POLICY',
      content: { services: optOut('default') },
    },
    {
      id: 'p-lockcomprehend',
      name: 'LockComprehendOptOut',
      description: 'Comprehend stays opted out below Workloads',
      type: 'AISERVICES_OPT_OUT_POLICY',
      content: { services: optOut('comprehend', true) },
    },
    {
      id: 'p-allowlexoptin',
      name: 'AllowLexOptIn',
      description: 'ML Platform accounts may let Lex use their content',
      type: 'AISERVICES_OPT_OUT_POLICY',
      content: { services: { lex: { opt_out_policy: { '@@assign': 'optIn' } } } },
      tags: [{ Key: 'approved-by', Value: 'security' }],
    },
    {
      id: 'p-rekognitionin',
      name: 'AllowRekognitionOptIn',
      description: 'Not attached anywhere yet',
      type: 'AISERVICES_OPT_OUT_POLICY',
      content: { services: { rekognition: { opt_out_policy: { '@@assign': 'optIn' } } } },
    },
  ],
  accounts: [{ id: '111111111111', name: 'Management', email: 'management@example.com', management: true, joinedMethod: 'INVITED' }],
  organizationalUnits: [
    {
      id: 'ou-demo-security',
      name: 'Security',
      accounts: [
        { id: '222222222222', name: 'Log Archive', email: 'log-archive@example.com' },
        { id: '333333333333', name: 'Audit', email: 'audit@example.com' },
      ],
    },
    {
      id: 'ou-demo-workloads',
      name: 'Workloads',
      policies: ['p-lockcomprehend'],
      tags: [{ Key: 'cost-center', Value: 'cc-1000' }],
      organizationalUnits: [
        {
          id: 'ou-demo-production',
          name: 'Production',
          accounts: [{ id: '444444444444', name: 'Web Prod', email: 'web-prod@example.com', tags: [{ Key: 'env', Value: 'prod' }] }],
          organizationalUnits: [
            {
              id: 'ou-demo-payments',
              name: 'Payments',
              accounts: [{ id: '555555555555', name: 'Payments Prod', email: 'payments-prod@example.com', tags: [{ Key: 'env', Value: 'prod' }] }],
            },
          ],
        },
        {
          id: 'ou-demo-development',
          name: 'Development',
          accounts: [
            { id: '666666666666', name: 'Web Dev', email: 'web-dev@example.com', tags: [{ Key: 'env', Value: 'dev' }] },
            { id: '777777777777', name: 'Data Dev', email: 'data-dev@example.com', tags: [{ Key: 'env', Value: 'dev' }] },
          ],
        },
        {
          id: 'ou-demo-mlplatform',
          name: 'ML Platform',
          policies: ['p-allowlexoptin'],
          accounts: [
            { id: '888888888888', name: 'ML Research', email: 'ml-research@example.com' },
            { id: '999999999999', name: 'Contact Center', email: 'contact-center@example.com' },
          ],
        },
      ],
    },
    {
      id: 'ou-demo-sandboxes',
      name: 'Sandboxes',
      accounts: [
        { id: '101010101010', name: 'Sandbox Alice', email: 'alice@example.com' },
        { id: '121212121212', name: 'Sandbox Bob', email: 'bob@example.com', state: 'SUSPENDED' },
      ],
    },
  ],
};
