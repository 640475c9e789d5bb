import type { IdGenerator } from './ids';
import type { OrgState } from './org-state';

/**
 * What a state transition may use: the state, an injected clock and an injected id generator.
 * An operation is synchronous from start to end, so it is atomic with respect to other requests;
 * it validates everything it needs before its first write so a thrown AwsError leaves no partial change.
 */
export interface OperationContext {
  state: OrgState;
  now: () => Date;
  ids: IdGenerator;
}

export type OperationInput = Record<string, unknown>;
export type OperationOutput = Record<string, unknown>;
export type Operation = (ctx: OperationContext, input: OperationInput) => OperationOutput;
