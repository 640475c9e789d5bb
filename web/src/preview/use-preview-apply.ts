import { useCallback, useMemo, useState } from 'preact/hooks';
import { execute, GatewayError } from '../graphql/client';
import type { ConsolePreviewPolicyChangeQuery, PolicyType } from '../gql/graphql';
import { applyChanges, type Applied } from './apply-changes';
import { toChangeInput, type ComposedChange } from './change';
import { PreviewQuery } from './preview-query';

type Preview = ConsolePreviewPolicyChangeQuery['previewPolicyChange'];

const asGatewayError = (error: unknown) => (error instanceof GatewayError ? error : new GatewayError(String(error), 'INTERNAL_SERVER_ERROR'));

/**
 * The page's state: the composed changes (the list plus the form's draft), the preview of exactly
 * those changes (a preview of anything else does not count for Apply), the acknowledgement, and the
 * outcome of applying. Changes already applied leave the list even when a later one is refused.
 */
export function usePreviewAndApply(type: PolicyType | '', credential: string, onApplied: () => void) {
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
  // Bumped when the form's draft was applied: the form starts empty again.
  const [round, setRound] = useState(0);
  const current = preview?.key === pendingKey ? preview.result : undefined;
  const needsAck = ackDemanded || Boolean(current?.requiredAcknowledgements.includes('STORED_CONTENT_DELETION'));

  const reset = () => {
    setChanges([]);
    setPreview(undefined);
    setOutcome(undefined);
  };

  const runPreview = async () => {
    if (!type || pending.length === 0) return;
    setBusy(true);
    setPreviewError(undefined);
    setOutcome(undefined);
    try {
      const answer = await execute(PreviewQuery, { type, changes: pending.map(toChangeInput) }, credential);
      setPreview({ key: pendingKey, result: answer.previewPolicyChange });
    } catch (error) {
      setPreviewError(asGatewayError(error));
    } finally {
      setBusy(false);
    }
  };

  const runApply = async () => {
    setBusy(true);
    const applied: Applied[] = [];
    let failure: GatewayError | undefined;
    try {
      await applyChanges(pending, credential, acknowledged ? ['STORED_CONTENT_DELETION'] : [], applied);
    } catch (error) {
      failure = asGatewayError(error);
    }
    const left = pending.slice(applied.length);
    const draftApplied = typeof draft === 'object' && left.length === 0;
    setChanges(draftApplied || typeof draft !== 'object' ? left : left.slice(0, -1));
    if (draftApplied) {
      setDraft(undefined);
      setRound((n) => n + 1);
    }
    if (failure?.code === 'ACKNOWLEDGEMENT_REQUIRED') setAckDemanded(true);
    if (!failure) {
      setPreview(undefined);
      setAcknowledged(false);
      setAckDemanded(false);
    }
    setOutcome({ applied, ...(failure ? { error: failure } : {}) });
    setBusy(false);
    if (applied.length > 0) onApplied();
  };

  return {
    changes,
    setChanges,
    draft,
    onDraft,
    pending,
    current,
    previewError,
    busy,
    acknowledged,
    setAcknowledged,
    needsAck,
    outcome,
    round,
    reset,
    runPreview,
    runApply,
  };
}
