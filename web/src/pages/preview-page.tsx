import { useEffect, useMemo, useState } from 'preact/hooks';
import { usePageTitle } from '../components/page-title';
import { Section } from '../components/section';
import { Failure, Loading } from '../components/status';
import { useQuery } from '../graphql/use-query';
import type { PolicyType } from '../gql/graphql';
import { OrganizationTreeQuery } from '../org/organization-query';
import { buildTree, indexTree } from '../org/tree-model';
import { enabledTypes } from '../policy/policy-types';
import { describeChange } from '../preview/change';
import { ChangeForm } from '../preview/change-form';
import { ApplyOutcome, ApplyPanel } from '../preview/apply-panel';
import { ImpactTable } from '../preview/impact-table';
import { PreviewPoliciesQuery } from '../preview/preview-query';
import { usePreviewAndApply } from '../preview/use-preview-apply';
import { can, roleName, useSession } from '../session/session';

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

  const flow = usePreviewAndApply(type, session.credential, () => {
    org.reload();
    policies.reload();
  });
  const { changes, setChanges, draft, onDraft, pending, current, previewError, busy, acknowledged, setAcknowledged, needsAck, outcome, round } = flow;

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
            void flow.runPreview();
          }}
        >
          <div class="field">
            <label for="preview-type">Policy type</label>
            <select
              id="preview-type"
              value={type}
              onChange={(e) => {
                setType(e.currentTarget.value as PolicyType);
                flow.reset();
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
      <ApplyPanel
        mayApply={mayApply}
        role={roleName(session.caller)}
        needsAck={needsAck}
        acknowledged={acknowledged}
        onAcknowledge={setAcknowledged}
        disabled={busy || !current || (needsAck && !acknowledged)}
        hint={!current && pending.length > 0 ? 'Preview the changes before applying them.' : undefined}
        onApply={() => void flow.runApply()}
      />
      {outcome && <ApplyOutcome applied={outcome.applied} error={outcome.error} mayAudit={mayAudit} />}
    </>
  );
}
