import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { execute, GatewayError } from './graphql/client';
import { Routes } from './routes';
import { Shell } from './components/shell';
import { forgetCredential, storedCredential, storeCredential } from './session/credential';
import { MeQuery } from './session/me-query';
import { SessionContext, type Caller, type Session } from './session/session';
import { SignIn } from './pages/sign-in';

type State =
  | { readonly phase: 'checking'; readonly credential: string }
  | { readonly phase: 'signed-out'; readonly notice?: string }
  | { readonly phase: 'signed-in'; readonly credential: string; readonly caller: Caller };

/** Asks the gateway who a credential belongs to; a refusal is a sign-in error, anything else a failure. */
async function callerFor(credential: string): Promise<Caller> {
  const { me } = await execute(MeQuery, {}, credential);
  return me;
}

function refusalText(error: unknown): string {
  if (error instanceof GatewayError && error.code === 'UNAUTHENTICATED') return 'The gateway refused this key (unknown, revoked or expired).';
  return error instanceof Error ? `Could not sign in: ${error.message}` : 'Could not sign in.';
}

export function App() {
  const [state, setState] = useState<State>(() => {
    const credential = storedCredential();
    return credential ? { phase: 'checking', credential } : { phase: 'signed-out' };
  });

  const signOut = useCallback((notice?: string) => {
    forgetCredential();
    setState({ phase: 'signed-out', notice });
  }, []);

  useEffect(() => {
    if (state.phase !== 'checking') return;
    callerFor(state.credential).then(
      (caller) => setState({ phase: 'signed-in', credential: state.credential, caller }),
      (error: unknown) => signOut(refusalText(error)),
    );
  }, [state, signOut]);

  const signIn = useCallback(async (credential: string) => {
    const caller = await callerFor(credential).catch((error: unknown) => {
      throw new Error(refusalText(error));
    });
    storeCredential(credential);
    setState({ phase: 'signed-in', credential, caller });
  }, []);

  const session = useMemo<Session | null>(
    () => (state.phase === 'signed-in' ? { credential: state.credential, caller: state.caller, signOut } : null),
    [state, signOut],
  );

  if (state.phase === 'checking')
    return (
      <main id="main">
        <p role="status">Loading…</p>
      </main>
    );
  if (!session) return <SignIn onSignIn={signIn} notice={state.phase === 'signed-out' ? state.notice : undefined} />;
  return (
    <SessionContext.Provider value={session}>
      <Shell>
        <Routes />
      </Shell>
    </SessionContext.Provider>
  );
}
