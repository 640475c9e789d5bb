import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Permission } from '../gql/graphql';

/** The signed-in caller, as Query.me describes it. */
export interface Caller {
  readonly id: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly permissions: readonly Permission[];
}

export interface Session {
  readonly credential: string;
  readonly caller: Caller;
  /** Forgets the credential; `reason` is shown on the sign-in form (e.g. the key was revoked). */
  signOut(reason?: string): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export function can(session: Session, permission: Permission): boolean {
  return session.caller.permissions.includes(permission);
}

/** The role as the console names it: viewer, editor, auditor, admin (the first, when a JWT grants several). */
export function roleName(caller: Caller): string {
  return caller.roles.map((role) => role.toLowerCase()).join(', ');
}
