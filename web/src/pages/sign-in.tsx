import { useEffect, useState } from 'preact/hooks';
import { usePageTitle } from '../components/page-title';

interface SignInProps {
  onSignIn(credential: string): Promise<void>;
  /** Why the caller was signed out, if they did not ask to be. */
  notice?: string | undefined;
}

/** The credential is sent only as a bearer header and kept in sessionStorage (see session/credential.ts). */
export function SignIn({ onSignIn, notice }: SignInProps) {
  usePageTitle('Sign in');
  const [credential, setCredential] = useState('');
  const [error, setError] = useState<string | undefined>(notice);
  const [busy, setBusy] = useState(false);
  useEffect(() => setError(notice), [notice]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const value = credential.trim();
    if (!value) {
      setError('Enter an API key.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onSignIn(value);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  };

  return (
    <main id="main" class="sign-in">
      <h1>Sign in</h1>
      <p class="lead">orgql console: the organization, its policies and their change history.</p>
      <form onSubmit={submit} class="card stack">
        <label for="credential">API key</label>
        <input
          id="credential"
          name="credential"
          type="password"
          autoComplete="off"
          spellcheck={false}
          value={credential}
          onInput={(event) => setCredential(event.currentTarget.value)}
          aria-describedby="credential-hint"
          aria-invalid={error ? true : undefined}
          required
        />
        <p id="credential-hint" class="hint">
          An orgql API key (<code>orgql_…</code>), or a JWT bearer token when the gateway accepts JWTs. It is kept in this tab only and sent as{' '}
          <code>Authorization: Bearer</code>.
        </p>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <div>
          <button type="submit" class="primary" disabled={busy}>
            Sign in
          </button>
        </div>
      </form>
    </main>
  );
}
