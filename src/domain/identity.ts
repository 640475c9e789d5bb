/**
 * Who is calling and what they may do. Roles grant permissions; fields require permissions
 * (see src/graphql/authorization.ts, the one place where they are enforced).
 */
export const ROLES = ['viewer', 'editor', 'auditor', 'admin', 'events'] as const;
export type Role = (typeof ROLES)[number];

/** EVENTS: post Organizations change events (POST /events/organizations), e.g. from an EventBridge API destination. */
export const PERMISSIONS = ['READ', 'MUTATE', 'AUDIT', 'ADMIN', 'EVENTS'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: ['READ'],
  editor: ['READ', 'MUTATE'],
  auditor: ['AUDIT'],
  admin: ['READ', 'MUTATE', 'AUDIT', 'ADMIN', 'EVENTS'],
  // For the credential an EventBridge connection holds: it can post events and do nothing else.
  events: ['EVENTS'],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function permissionsOf(roles: readonly Role[]): ReadonlySet<Permission> {
  return new Set(roles.flatMap((role) => GRANTS[role]));
}

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => GRANTS[role].includes(permission));
}

/** An authenticated caller. The audit log records it as the actor. */
export interface Principal {
  /** Stable id: `apikey:<keyId>`, or `jwt:<sub>` (one issuer is configured, so `sub` is unique). */
  readonly id: string;
  readonly type: 'API_KEY' | 'JWT';
  readonly displayName: string;
  readonly roles: readonly Role[];
}
