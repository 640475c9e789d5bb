import { attach, attachDefaults } from '../attachments';
import { AwsError } from '../aws-error';
import { freshId } from '../ids';
import type { IdGenerator } from '../ids';
import { MANAGED_POLICIES } from '../managed-policies';
import { emptyState } from '../org-state';
import type { OrgState, Tag } from '../org-state';
import { MAX_OU_DEPTH } from '../operations/organizational-unit-ops';
import { assertValidContent } from '../policy-content';
import { mergedTags, setTags } from '../tags';
import type { SeedAccount, SeedDocument, SeedOrganizationalUnit } from './seed-document';

/**
 * Builds the organization a seed describes, applying the API's own rules (content validation, OU
 * depth, sibling-name uniqueness, attachment rules) so a seed can only describe a state the API could
 * have reached. Ids the seed omits come from the injected generator; every attachment and join is
 * dated at organization.createdAt (default: the clock's now).
 * A fresh organization (an empty seed) is a root plus a management account, no policy type enabled.
 */
export class SeedError extends Error {
  constructor(path: string, message: string) {
    super(`Invalid seed at ${path}: ${message}`);
    this.name = 'SeedError';
  }
}

function guard<T>(path: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof AwsError) throw new SeedError(path, `${error.code}${error.reason ? ` (${error.reason})` : ''}: ${error.message}`);
    throw error;
  }
}

interface Builder {
  state: OrgState;
  ids: IdGenerator;
  at: Date;
  refs: { path: string; target: string; refs: string[] }[];
}

export function buildState(seed: SeedDocument, ids: IdGenerator, now: Date): OrgState {
  const at = seed.organization?.createdAt ? new Date(seed.organization.createdAt) : now;
  const all = collectAccounts(seed);
  const managers = all.filter((account) => account.management);
  if (managers.length > 1) throw new SeedError('accounts', 'only one account can have "management": true');
  const managementId = managers[0]?.id ?? ids.accountId();
  const state = emptyState(
    { organizationId: seed.organization?.id ?? ids.organizationId(), rootId: seed.root?.id ?? ids.rootId(), managementAccountId: managementId },
    at,
  );
  if (seed.organization?.maxAccounts !== undefined) state.maxAccounts = seed.organization.maxAccounts;
  const builder: Builder = { state, ids, at, refs: [] };
  for (const managed of MANAGED_POLICIES) state.policies.set(managed.id, { ...managed });
  addPolicies(builder, seed);
  state.root.name = seed.root?.name ?? 'Root';
  state.root.policyTypes = [...new Set(seed.enabledPolicyTypes ?? [])];
  addTags(builder, 'root.tags', state.root.id, seed.root?.tags);
  attachDefaults(state, state.root.id, at);
  builder.refs.push({ path: 'root.policies', target: state.root.id, refs: seed.root?.policies ?? [] });
  if (managers.length === 0) {
    addAccount(builder, 'accounts', state.root.id, { id: managementId, name: 'Management', email: 'management@example.com', management: true });
  }
  (seed.accounts ?? []).forEach((account, i) => addAccount(builder, `accounts[${i}]`, state.root.id, account));
  (seed.organizationalUnits ?? []).forEach((ou, i) => addOu(builder, `organizationalUnits[${i}]`, state.root.id, 1, ou));
  for (const { path, target, refs } of builder.refs) {
    refs.forEach((ref, i) => {
      const policy = state.policies.get(ref) ?? [...state.policies.values()].find((candidate) => candidate.name === ref);
      if (!policy) throw new SeedError(`${path}[${i}]`, `no policy with id or name "${ref}"`);
      // Seeds may list the auto-attached FullAWSAccess explicitly; it is already there.
      if (policy.awsManaged && (state.attachments.get(target) ?? []).includes(policy.id)) return;
      guard(`${path}[${i}]`, () => attach(state, policy, target, at));
    });
  }
  return state;
}

function collectAccounts(seed: SeedDocument): SeedAccount[] {
  const fromOu = (ou: SeedOrganizationalUnit): SeedAccount[] => [...(ou.accounts ?? []), ...(ou.organizationalUnits ?? []).flatMap(fromOu)];
  return [...(seed.accounts ?? []), ...(seed.organizationalUnits ?? []).flatMap(fromOu)];
}

function addPolicies({ state, ids }: Builder, seed: SeedDocument): void {
  (seed.policies ?? []).forEach((policy, i) => {
    const path = `policies[${i}]`;
    const content = typeof policy.content === 'string' ? policy.content : JSON.stringify(policy.content);
    guard(path, () => assertValidContent(policy.type, content));
    if ([...state.policies.values()].some((existing) => existing.name === policy.name)) {
      throw new SeedError(path, `duplicate policy name "${policy.name}"`);
    }
    if (policy.id && state.policies.has(policy.id)) throw new SeedError(path, `duplicate policy id ${policy.id}`);
    const id =
      policy.id ??
      freshId(
        () => ids.policyId(),
        (candidate) => state.policies.has(candidate),
      );
    state.policies.set(id, { id, name: policy.name, description: policy.description ?? '', type: policy.type, content, awsManaged: false });
    addTags({ state, ids, at: state.createdAt, refs: [] }, `${path}.tags`, id, policy.tags);
  });
}

function addTags({ state }: Builder, path: string, id: string, tags: Tag[] | undefined): void {
  if (tags)
    setTags(
      state,
      id,
      guard(path, () => mergedTags([], tags)),
    );
}

function addAccount(builder: Builder, path: string, parentId: string, account: SeedAccount): void {
  const { state, ids, at } = builder;
  const id =
    account.id ??
    freshId(
      () => ids.accountId(),
      (candidate) => state.accounts.has(candidate),
    );
  if (state.accounts.has(id)) throw new SeedError(path, `duplicate account id ${id}`);
  if ([...state.accounts.values()].some((other) => other.email === account.email)) {
    throw new SeedError(path, `duplicate account email ${account.email}`);
  }
  state.accounts.set(id, {
    id,
    name: account.name,
    email: account.email,
    parentId,
    state: account.state ?? 'ACTIVE',
    joinedMethod: account.joinedMethod ?? (account.management ? 'INVITED' : 'CREATED'),
    joinedAt: account.joinedAt ? new Date(account.joinedAt) : at,
  });
  addTags(builder, `${path}.tags`, id, account.tags);
  attachDefaults(state, id, at);
  builder.refs.push({ path: `${path}.policies`, target: id, refs: account.policies ?? [] });
}

function addOu(builder: Builder, path: string, parentId: string, depth: number, ou: SeedOrganizationalUnit): void {
  const { state, ids, at } = builder;
  if (depth > MAX_OU_DEPTH) throw new SeedError(path, `OUs nest at most ${MAX_OU_DEPTH} levels below the root`);
  if ([...state.ous.values()].some((other) => other.parentId === parentId && other.name === ou.name)) {
    throw new SeedError(path, `duplicate OU name "${ou.name}" under the same parent`);
  }
  const id =
    ou.id ??
    freshId(
      () => ids.ouId(state.root.id),
      (candidate) => state.ous.has(candidate),
    );
  if (state.ous.has(id)) throw new SeedError(path, `duplicate OU id ${id}`);
  // AWS OU ids embed the root's suffix: ou-<root suffix>-<unique part>.
  if (!id.startsWith(`ou-${state.root.id.slice(2)}-`)) throw new SeedError(path, `OU id ${id} must start with ou-${state.root.id.slice(2)}-`);
  state.ous.set(id, { id, name: ou.name, parentId });
  addTags(builder, `${path}.tags`, id, ou.tags);
  attachDefaults(state, id, at);
  builder.refs.push({ path: `${path}.policies`, target: id, refs: ou.policies ?? [] });
  (ou.accounts ?? []).forEach((account, i) => addAccount(builder, `${path}.accounts[${i}]`, id, account));
  (ou.organizationalUnits ?? []).forEach((child, i) => addOu(builder, `${path}.organizationalUnits[${i}]`, id, depth + 1, child));
}
