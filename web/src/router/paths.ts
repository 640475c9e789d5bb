/** The console's URLs, in one place (the e2e contract, /work/team/console-contract.md, lists them). */
export const BASE = '/console';

const segment = (id: string) => encodeURIComponent(id);

export const paths = {
  home: BASE,
  organization: `${BASE}/org`,
  account: (id: string) => `${BASE}/accounts/${segment(id)}`,
  organizationalUnit: (id: string) => `${BASE}/ous/${segment(id)}`,
  policy: (id: string) => `${BASE}/policies/${segment(id)}`,
  audit: `${BASE}/audit`,
  auditEvent: (id: string) => `${BASE}/audit/${segment(id)}`,
  preview: `${BASE}/preview`,
};

/** The page of a root, OU or account by its id (12 digits is an account). */
export function nodePath(id: string): string {
  return /^\d{12}$/.test(id) ? paths.account(id) : paths.organizationalUnit(id);
}
