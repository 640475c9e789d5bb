import { useEffect, useState } from 'preact/hooks';
import type { TypedDocumentString } from '../gql/graphql';
import { useSession } from '../session/session';
import { execute, GatewayError } from './client';

export interface QueriesState<Result> {
  /** One answer per variables, in order; undefined until all have answered. */
  readonly data: Result[] | undefined;
  readonly error: GatewayError | undefined;
  readonly loading: boolean;
}

/** The same typed query once per set of variables, in parallel (e.g. once per enabled policy type). */
export function useQueries<Result, Variables>(document: TypedDocumentString<Result, Variables>, variablesList: readonly Variables[]): QueriesState<Result> {
  const session = useSession();
  const [state, setState] = useState<QueriesState<Result>>({ data: undefined, error: undefined, loading: variablesList.length > 0 });
  const key = JSON.stringify(variablesList);
  useEffect(() => {
    const list = JSON.parse(key) as Variables[];
    if (list.length === 0) {
      setState({ data: [], error: undefined, loading: false });
      return undefined;
    }
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    Promise.all(list.map((variables) => execute(document, variables, session.credential, controller.signal))).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = error instanceof GatewayError ? error : new GatewayError(String(error), 'INTERNAL_SERVER_ERROR');
        if (failure.code === 'UNAUTHENTICATED') session.signOut('The gateway refused this key: sign in again.');
        setState({ data: undefined, error: failure, loading: false });
      },
    );
    return () => controller.abort();
  }, [document, key, session]);
  return state;
}
