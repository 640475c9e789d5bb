import { useEffect, useState } from 'preact/hooks';
import type { TypedDocumentString } from '../gql/graphql';
import { useSession } from '../session/session';
import { execute, GatewayError } from './client';

export interface QueryState<Result> {
  readonly data: Result | undefined;
  readonly error: GatewayError | undefined;
  readonly loading: boolean;
  /** Asks again (after a change, or to retry). */
  reload(): void;
}

function asGatewayError(error: unknown): GatewayError {
  return error instanceof GatewayError ? error : new GatewayError(error instanceof Error ? error.message : String(error), 'INTERNAL_SERVER_ERROR');
}

/**
 * Runs a typed query with the session's credential whenever the variables change (compared as JSON);
 * an answer to older variables is dropped. A refused credential signs the caller out.
 */
export function useQuery<Result, Variables>(document: TypedDocumentString<Result, Variables>, variables: Variables, skip = false): QueryState<Result> {
  const session = useSession();
  const [state, setState] = useState<{ data?: Result; error?: GatewayError; loading: boolean }>({ loading: !skip });
  const [round, setRound] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (skip) return undefined;
    const controller = new AbortController();
    setState((previous) => ({ data: previous.data, loading: true }));
    execute(document, JSON.parse(key) as Variables, session.credential, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = asGatewayError(error);
        if (failure.code === 'UNAUTHENTICATED') session.signOut('The gateway refused this key: sign in again.');
        setState({ error: failure, loading: false });
      },
    );
    return () => controller.abort();
  }, [document, key, round, skip, session]);
  return { data: state.data, error: state.error, loading: state.loading, reload: () => setRound((n) => n + 1) };
}
