/**
 * The caller's API key (or JWT) lives in sessionStorage only: gone when the tab closes, never in a
 * URL, a cookie or localStorage (issue 13 item 1).
 */
export const CREDENTIAL_KEY = 'orgql.console.credential';

export function storedCredential(): string | null {
  try {
    return sessionStorage.getItem(CREDENTIAL_KEY);
  } catch {
    return null;
  }
}

export function storeCredential(credential: string): void {
  sessionStorage.setItem(CREDENTIAL_KEY, credential);
}

export function forgetCredential(): void {
  sessionStorage.removeItem(CREDENTIAL_KEY);
}
