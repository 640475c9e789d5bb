import type { GatewayError } from '../graphql/client';
import { Link } from '../router/link';
import { paths } from '../router/paths';
import type { Applied } from './apply-changes';
import { describeChange } from './change';

interface ApplyPanelProps {
  readonly mayApply: boolean;
  readonly role: string;
  /** The change deletes stored AI content: the preview said so, or the gateway answered ACKNOWLEDGEMENT_REQUIRED. */
  readonly needsAck: boolean;
  readonly acknowledged: boolean;
  onAcknowledge(checked: boolean): void;
  readonly disabled: boolean;
  readonly hint: string | undefined;
  onApply(): void;
}

/** The Apply action for roles with MUTATE; any other role sees no action at all, only why. */
export function ApplyPanel({ mayApply, role, needsAck, acknowledged, onAcknowledge, disabled, hint, onApply }: ApplyPanelProps) {
  if (!mayApply) return <p class="muted">Your role ({role}) can preview but not apply changes.</p>;
  return (
    <div class="stack apply">
      {needsAck && (
        <div class="ack">
          <input id="acknowledge" type="checkbox" checked={acknowledged} onChange={(e) => onAcknowledge(e.currentTarget.checked)} />
          <label for="acknowledge">I acknowledge that this change deletes stored AI content in all Regions</label>
        </div>
      )}
      <button type="button" class="primary" disabled={disabled} onClick={onApply}>
        Apply
      </button>
      {hint && <p class="muted">{hint}</p>}
    </div>
  );
}

/** What was applied (each with its audit event) and, if the gateway refused one, why. */
export function ApplyOutcome({ applied, error, mayAudit }: { applied: readonly Applied[]; error: GatewayError | undefined; mayAudit: boolean }) {
  return (
    <div role="status" class={error ? 'error' : undefined}>
      {applied.length > 0 && (
        <>
          <p>
            Applied {applied.length} change{applied.length === 1 ? '' : 's'}.
          </p>
          <ul>
            {applied.map((entry) => (
              <li key={entry.auditEventId}>
                {describeChange(entry.change)}
                {mayAudit ? (
                  <>
                    {' '}
                    <Link href={paths.auditEvent(entry.auditEventId)}>View audit event</Link>
                  </>
                ) : (
                  <span class="muted"> (audit event {entry.auditEventId})</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <p>
          Refused: {error.message} ({error.code}){error.code === 'ACKNOWLEDGEMENT_REQUIRED' ? ' Check the acknowledgement and apply again.' : ''}
        </p>
      )}
    </div>
  );
}
