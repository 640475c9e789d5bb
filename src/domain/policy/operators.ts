/**
 * Inheritance operators of management policies.
 * AWS user guide, "Policy syntax and inheritance for management policy types" (digest §b).
 */
export const ASSIGN = '@@assign';
export const APPEND = '@@append';
export const REMOVE = '@@remove';
export const CHILD_CONTROL = '@@operators_allowed_for_child_policies';
export const ALL = '@@all';
export const NONE = '@@none';

export type ValueOperator = typeof ASSIGN | typeof APPEND | typeof REMOVE;
export const VALUE_OPERATORS: readonly ValueOperator[] = [ASSIGN, APPEND, REMOVE];

/** Every child-control list value the generic grammar knows. */
export const CHILD_CONTROL_VALUES: readonly string[] = [ALL, NONE, ASSIGN, APPEND, REMOVE];

export function isOperatorKey(key: string): boolean {
  return key.startsWith('@@');
}

export function isValueOperator(key: string): key is ValueOperator {
  return key === ASSIGN || key === APPEND || key === REMOVE;
}

/**
 * The set of value operators a child-control list permits.
 * `@@all` = all three, `@@none` = none. Callers pass lists the validator accepted;
 * for a list that somehow mixes `@@none` with others we take the narrowest reading (none).
 */
export function allowedByChildControl(list: readonly unknown[]): ReadonlySet<ValueOperator> {
  if (list.includes(NONE)) return new Set();
  if (list.includes(ALL)) return new Set(VALUE_OPERATORS);
  return new Set(VALUE_OPERATORS.filter((op) => list.includes(op)));
}

/** Canonical, stable ordering for display: @@assign, @@append, @@remove. */
export function sortOperators(ops: Iterable<ValueOperator>): ValueOperator[] {
  const set = new Set(ops);
  return VALUE_OPERATORS.filter((op) => set.has(op));
}
