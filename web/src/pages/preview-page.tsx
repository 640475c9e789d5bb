import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { usePageTitle } from '../components/page-title';
import { Section } from '../components/section';
import { Failure, Loading } from '../components/status';
import { execute, GatewayError } from '../graphql/client';
import { useQuery } from '../graphql/use-query';
import type { ConsolePreviewPolicyChangeQuery, PolicyType } from '../gql/graphql';
import { OrganizationTreeQuery } from '../org/organization-query';
import { buildTree, indexTree } from '../org/tree-model';
import { enabledTypes } from '../policy/policy-types';
import { applyChanges, type Applied } from '../preview/apply-changes';
import { describeChange, toChangeInput, type ComposedChange } from '../preview/change';
import { ChangeForm } from '../preview/change-form';
import { ImpactTable } from '../preview/impact-table';
import { PreviewPoliciesQuery, PreviewQuery } from '../preview/preview-query';
import { Link } from '../router/link';
import { paths } from '../router/paths';
import { can, roleName, useSession } from '../session/session';

type Preview = ConsolePreviewPolicyChangeQuery['previewPolicyChange'];

/**
 * /console/preview: compose changes, see previewPolicyChange's impact per account before anything is
 * sent, then apply them (MUTATE only; a viewer is shown no apply action at all).
 */
export function PreviewPage() {
  usePageTitle('Preview and apply');
  const session = useSession();
  const mayApply = can(session, 'MUTATE');
  const mayAudit = can(session, 'AUDIT');
  const org = useQuery(OrganizationTreeQuery, {});
  const types = useMemo(() => (org.data ? enabledTypes(org.data.organization.roots) : []), [org.data]);
  const [type, setType] = useState<PolicyType | ''>('');
  useEffect(() => {
    if (!type && types.length > 0) setType(types.includes('AISERVICES_OPT_OUT_POLICY') ? 'AISERVICES_OPT_OUT_POLICY' : types[0]!);
  }, [type, types]);
  const policies = useQuery(PreviewPoliciesQuery, { type: (type || 'SERVICE_CONTROL_POLICY') as PolicyType }, !type);
  const targets = useMemo(
    () => (org.data ? [...indexTree(org.data.organization.roots.map(buildTree)).values()].map((node) => ({ id: node.id, name: node.name })) : []),
    [org.data],
  );
  const policyOptions = useMemo(() => policies.data?.policies.edges.map((edge) => edge.node).filter((p) => !p.awsManaged) ?? [], [policies.data]);

  const [changes, setChanges] = useState<ComposedChange[]>([]);
  const [draft, setDraft] = useState<ComposedChange | string | undefined>(undefined);
  const onDraft = useCallback((next: ComposedChange | string | undefined) => setDraft(next), []);
  const pending = useMemo(() => [...changes, ...(draft && typeof draft !== 'string' ? [draft] : [])], [changes, draft]);
  const pendingKey = JSON.stringify(pending.map(toChangeInput));

  const [preview, setPreview] = useState<{ key: string; result: Preview } | undefined>(undefined);
  const [previewError, setPreviewError] = useState<GatewayError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);
  const [ackDemanded, setAckDemanded] = useState(false);
  const [outcome, setOutcome] = useState<{ applied: Applied[]; error?: GatewayError } | undefined>(undefined);
  // Bumped after an apply: the form starts empty again.
  const [round, setRound] = useState(0);
  const current = preview?.key === pendingKey ? preview.result : undefined;
  const needsAck = ackDemanded || Boolean(current?.requiredAcknowledgements.includes('STORED_CONTENT_DELETION'));

  const runPreview = async () => {
    if (!type || pending.length === 0) return;
    setBusy(true);
    setPreviewError(undefined);
    setOutcome(undefined);
    try {
      const answer = await execute(PreviewQuery, { type, changes: pending.map(toChangeInput) }, session.credential);
      setPreview({ key: pendingKey, result: answer.previewPolicyChange });
    } catch (error) {
      setPreviewError(error instanceof GatewayError ? error : new GatewayError(String(error), 'INTERNAL_SERVER_ERROR'));
    } finally {
      setBusy(false);
    }
  };

  const runApply = async () => {
    setBusy(true);
    const applied: Applied[] = [];
    try {
      await applyChanges(pending, session.credential, acknowledged ? ['STORED_CONTENT_DELETION'] : [], applied);
      setOutcome({ applied });
      setChanges([]);
      setDraft(undefined);
      setRound((n) => n + 1);
      setPreview(undefined);
      setAcknowledged(false);
      setAckDemanded(false);
      org.reload();
      policies.reload();
    } catch (error) {
      const failure = error instanceof GatewayError ? error : new GatewayError(String(error), 'INTERNAL_SERVER_ERROR');
      if (failure.code === 'ACKNOWLEDGEMENT_REQUIRED') setAckDemanded(true);
      setOutcome({ applied, error: failure });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Preview and apply</h1>
      <p class="lead">Compose changes, see how each account's effective policy would change, then apply them. Nothing is sent to AWS before Apply.</p>
      {org.error && <Failure error={org.error} />}
      {org.loading && !org.data && <Loading what="the organization" />}
      {org.data && types.length === 0 && <p>No policy type is enabled on the root: there is nothing to preview.</p>}
      {types.length > 0 && (
        <form
          aria-label="Compose a change"
          onSubmit={(event) => {
            event.preventDefault();
            void runPreview();
          }}
        >
          <div class="field">
            <label for="preview-type">Policy type</label>
            <select
              id="preview-type"
              value={type}
              onChange={(e) => {
                setType(e.currentTarget.value as PolicyType);
                setChanges([]);
                setPreview(undefined);
              }}
            >
              {types.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
          {policies.error && <Failure error={policies.error} />}
          <ChangeForm key={`${type}-${round}`} policies={policyOptions} targets={targets} onDraft={onDraft} />
          {typeof draft === 'string' && (
            <p role="alert" class="error">
              {draft}
            </p>
          )}
          {changes.length > 0 && (
            <ol aria-label="Changes" class="changes">
              {changes.map((change, index) => (
                <li key={index}>
                  {describeChange(change)}{' '}
                  <button type="button" onClick={() => setChanges(changes.filter((_, i) => i !== index))} aria-label={`Remove: ${describeChange(change)}`}>
                    Remove
                  </button>
                </li>
              ))}
            </ol>
          )}
          <div class="toolbar">
            <button
              type="button"
              disabled={!draft || typeof draft === 'string'}
              onClick={() => draft && typeof draft !== 'string' && setChanges([...changes, draft])}
            >
              Add change
            </button>
            <button type="submit" class="primary" disabled={busy || pending.length === 0}>
              Preview
            </button>
          </div>
        </form>
      )}
      {previewError && <Failure error={previewError} />}
      {current && (
        <Section title="Impact">
          <ImpactTable preview={current} />
        </Section>
      )}
      {mayApply ? (
        <div class="stack apply">
          {needsAck && (
            <div class="ack">
              <input id="acknowledge" type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.currentTarget.checked)} />
              <label for="acknowledge">I acknowledge that this change deletes stored AI content in all Regions</label>
            </div>
          )}
          <button type="button" class="primary" disabled={busy || !current || (needsAck && !acknowledged)} onClick={() => void runApply()}>
            Apply
          </button>
          {!current && pending.length > 0 && <p class="muted">Preview the changes before applying them.</p>}
        </div>
      ) : (
        <p class="muted">Your role ({roleName(session.caller)}) can preview but not apply changes.</p>
      )}
      {outcome && (
        <div role="status" class={outcome.error ? 'error' : undefined}>
          {outcome.applied.length > 0 && (
            <>
              <p>
                Applied {outcome.applied.length} change{outcome.applied.length === 1 ? '' : 's'}.
              </p>
              <ul>
                {outcome.applied.map((entry) => (
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
          {outcome.error && (
            <p>
              Refused: {outcome.error.message} ({outcome.error.code})
              {outcome.error.code === 'ACKNOWLEDGEMENT_REQUIRED' ? ' Check the acknowledgement and apply again.' : ''}
            </p>
          )}
        </div>
      )}
    </>
  );
}
