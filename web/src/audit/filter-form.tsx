import { useEffect, useState } from 'preact/hooks';
import type { AuditOrigin, AuditOutcome } from '../gql/graphql';
import { NO_FILTER, toLocalInput, type FilterFields } from './filters';

interface FilterFormProps {
  readonly value: FilterFields;
  onApply(fields: FilterFields): void;
}

const TEXT_FIELDS: ReadonlyArray<readonly [keyof FilterFields, string, string]> = [
  ['actor', 'Actor', 'apikey:… or jwt:…'],
  ['operation', 'Operation', 'attachPolicy'],
  ['targetId', 'Target id', 'ou-… or 123456789012'],
  ['policyId', 'Policy id', 'p-…'],
];

/** The filters; applied on submit (Enter in any field) and kept in the address. */
export function FilterForm({ value, onApply }: FilterFormProps) {
  const [fields, setFields] = useState<FilterFields>(value);
  useEffect(() => setFields(value), [value]);
  const set = (key: keyof FilterFields, text: string) => setFields((previous) => ({ ...previous, [key]: text }));
  const instant = (local: string) => (local && !Number.isNaN(Date.parse(local)) ? new Date(local).toISOString() : '');

  return (
    <form
      aria-label="Filters"
      class="filters"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(fields);
      }}
    >
      <div class="field">
        <label for="filter-from">From</label>
        <input id="filter-from" type="datetime-local" value={toLocalInput(fields.from)} onInput={(e) => set('from', instant(e.currentTarget.value))} />
      </div>
      <div class="field">
        <label for="filter-to">To</label>
        <input id="filter-to" type="datetime-local" value={toLocalInput(fields.to)} onInput={(e) => set('to', instant(e.currentTarget.value))} />
      </div>
      {TEXT_FIELDS.map(([key, label, placeholder]) => (
        <div class="field" key={key}>
          <label for={`filter-${key}`}>{label}</label>
          <input id={`filter-${key}`} type="text" value={fields[key]} placeholder={placeholder} onInput={(e) => set(key, e.currentTarget.value.trim())} />
        </div>
      ))}
      <div class="field">
        <label for="filter-outcome">Outcome</label>
        <select id="filter-outcome" value={fields.outcome} onChange={(e) => set('outcome', e.currentTarget.value as AuditOutcome)}>
          <option value="">Any</option>
          <option value="SUCCEEDED">Succeeded</option>
          <option value="FAILED">Failed</option>
          <option value="UNKNOWN">Unknown</option>
          <option value="PENDING">Pending</option>
        </select>
      </div>
      <div class="field">
        <label for="filter-origin">Origin</label>
        <select id="filter-origin" value={fields.origin} onChange={(e) => set('origin', e.currentTarget.value as AuditOrigin)}>
          <option value="">Any</option>
          <option value="ORGQL">orgql</option>
          <option value="OUT_OF_BAND">Out of band</option>
        </select>
      </div>
      <div class="filter-actions">
        <button type="submit" class="primary">
          Apply filters
        </button>
        <button
          type="button"
          onClick={() => {
            setFields(NO_FILTER);
            onApply(NO_FILTER);
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
