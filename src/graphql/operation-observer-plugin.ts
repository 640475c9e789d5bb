import type { ApolloServerPlugin } from '@apollo/server';

export type OperationOutcome = 'ok' | 'error' | 'rejected';

/** One GraphQL request as metrics see it. */
export interface ObservedOperation {
  /** The operation's name, `anonymous` without one, `unknown` when the document never parsed. */
  readonly name: string;
  readonly type: 'query' | 'mutation' | 'subscription' | 'unknown';
  /** `rejected`: refused before execution (parse, validation, limits); `error`: ran with at least one error. */
  readonly outcome: OperationOutcome;
  readonly durationMs: number;
}

/** Reports every GraphQL request once, when its response is sent; knows nothing of the metrics library. */
export function operationObserverPlugin(observe: (operation: ObservedOperation) => void): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, operation, operationName, errors }) {
          const executed = operation !== undefined && operation !== null;
          const answeredErrors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const outcome: OperationOutcome = !executed ? 'rejected' : answeredErrors.length > 0 || (errors?.length ?? 0) > 0 ? 'error' : 'ok';
          try {
            observe({
              name: executed ? (operation.name?.value ?? operationName ?? 'anonymous') : 'unknown',
              type: executed ? operation.operation : 'unknown',
              outcome,
              durationMs: performance.now() - started,
            });
          } catch {
            // A broken observer must not break the answer it observes.
          }
        },
      };
    },
  };
}
