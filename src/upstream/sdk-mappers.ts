import type {
  Account as SdkAccount,
  OrganizationalUnit as SdkOrganizationalUnit,
  Policy as SdkPolicy,
  PolicySummary as SdkPolicySummary,
  Root as SdkRoot,
  Tag as SdkTag,
} from '@aws-sdk/client-organizations';
import type { Account, AccountJoinedMethod, AccountState } from '../domain/account';
import { ancestorIdsFromPath } from '../domain/node-id';
import type { PolicyTypeSummary, Root } from '../domain/organization';
import type { OrganizationalUnit } from '../domain/organizational-unit';
import type { Policy, PolicySummary } from '../domain/organization-policy';
import { isPolicyType } from '../domain/policy-type';
import type { Tag } from '../domain/tag';
import { toOrgqlError } from './error-mapping';

/** SDK output shapes -> domain models. A shape missing a member the model requires is an upstream fault. */
function required<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === null) throw toOrgqlError(new Error(`Upstream answer without ${what}`));
  return value;
}

export function toRoot(root: SdkRoot): Root {
  const policyTypes: PolicyTypeSummary[] = [];
  for (const summary of root.PolicyTypes ?? []) {
    // A policy type newer than this build is skipped rather than failing the whole query.
    if (isPolicyType(summary.Type) && summary.Status) policyTypes.push({ type: summary.Type, status: summary.Status });
  }
  return { id: required(root.Id, 'Root.Id'), arn: root.Arn ?? '', name: root.Name ?? '', policyTypes };
}

const ACCOUNT_STATES: readonly string[] = ['PENDING_ACTIVATION', 'ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE', 'CLOSED'];

/** `State` replaces the legacy `Status` (retired 2026-09); older answers only carry `Status`. */
function accountState(account: SdkAccount): AccountState | undefined {
  const state = account.State ?? account.Status;
  return state && ACCOUNT_STATES.includes(state) ? (state as AccountState) : undefined;
}

export function toAccount(account: SdkAccount): Account {
  const id = required(account.Id, 'Account.Id');
  const joined = account.JoinedMethod;
  return {
    id,
    arn: account.Arn ?? '',
    name: account.Name ?? '',
    email: account.Email ?? '',
    state: accountState(account),
    joinedMethod: joined === 'INVITED' || joined === 'CREATED' ? (joined as AccountJoinedMethod) : undefined,
    joinedAt: account.JoinedTimestamp,
    // An account has one path today; `Paths` is a list because AWS reserved room for more.
    ancestorIds: ancestorIdsFromPath(account.Paths?.[0], id),
  };
}

export function toOrganizationalUnit(ou: SdkOrganizationalUnit): OrganizationalUnit {
  const id = required(ou.Id, 'OrganizationalUnit.Id');
  return { id, arn: ou.Arn ?? '', name: ou.Name ?? '', ancestorIds: ancestorIdsFromPath(ou.Path, id) };
}

export function toPolicySummary(summary: SdkPolicySummary): PolicySummary {
  const type = summary.Type;
  if (!isPolicyType(type)) throw toOrgqlError(new Error(`Upstream policy of unknown type ${String(type)}`));
  return {
    id: required(summary.Id, 'PolicySummary.Id'),
    arn: summary.Arn ?? '',
    name: summary.Name ?? '',
    description: summary.Description ?? '',
    type,
    awsManaged: summary.AwsManaged ?? false,
  };
}

export function toPolicy(policy: SdkPolicy | undefined): Policy {
  const summary = toPolicySummary(required(policy?.PolicySummary, 'Policy.PolicySummary'));
  return { ...summary, content: required(policy?.Content, 'Policy.Content') };
}

export function toTags(tags: readonly SdkTag[] | undefined): Tag[] {
  return (tags ?? []).map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' }));
}

export function toSdkTags(tags: readonly Tag[]): SdkTag[] {
  return tags.map((tag) => ({ Key: tag.key, Value: tag.value }));
}
