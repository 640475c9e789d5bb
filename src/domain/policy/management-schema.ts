import type { Report } from './diagnostic';
import type { ValueOperator } from './operators';

/**
 * A small description language for the documented shape of each management policy type.
 * The generic walker (management-grammar.ts) enforces the @@ grammar everywhere and consults
 * these schemas for the per-type rules (fixed key names, which operators a setting takes,
 * value formats). `ANY` means "generic grammar only" for types whose syntax we do not have.
 */
export interface SettingSchema {
  readonly kind: 'setting';
  /** value-setting operators this setting accepts */
  readonly operators: readonly ValueOperator[];
  /** the setting must carry an @@assign (AI opt-out's opt_out_policy) */
  readonly requireAssign?: boolean;
  /** validates the operand of one operator; arrays for @@append/@@remove are already checked */
  readonly checkValue?: (value: unknown, op: ValueOperator, path: string, report: Report) => void;
}

export interface ContainerSchema {
  readonly kind: 'container';
  /** fixed, documented key names */
  readonly keys?: Readonly<Record<string, Schema>>;
  /** schema for user-chosen key names (service keys, tag policy keys, plan names) */
  readonly dynamic?: Schema;
  /** a key matching neither `keys` nor `dynamic`: ERROR (default) or WARNING */
  readonly unknownKeys?: 'error' | 'warn';
  readonly required?: readonly string[];
  /** at least one non-operator key */
  readonly nonEmpty?: boolean;
  readonly checkDynamicKey?: (key: string, path: string, report: Report) => void;
  /** cross-field rule, run after the children */
  readonly check?: (obj: Record<string, unknown>, path: string, report: Report) => void;
}

export interface AnySchema {
  readonly kind: 'any';
}

export type Schema = SettingSchema | ContainerSchema | AnySchema;

export const ANY: AnySchema = { kind: 'any' };

export interface ManagementGrammar {
  readonly root: Schema;
  /** values accepted inside @@operators_allowed_for_child_policies */
  readonly childControlValues: readonly string[];
}
