import { useEffect, useState } from 'preact/hooks';
import type { ComposedChange } from './change';

export interface PolicyOption {
  readonly id: string;
  readonly name: string;
  readonly content: unknown;
  readonly contentHash: string;
}
export interface TargetOption {
  readonly id: string;
  readonly name: string;
}

interface ChangeFormProps {
  readonly policies: readonly PolicyOption[];
  readonly targets: readonly TargetOption[];
  /** The change the fields describe now, or an error saying what is missing (undefined while empty). */
  onDraft(draft: ComposedChange | string | undefined): void;
}

type Kind = ComposedChange['kind'];

/** Compose one change: attach, detach, or a new document for a policy. */
export function ChangeForm({ policies, targets, onDraft }: ChangeFormProps) {
  const [kind, setKind] = useState<Kind>('ATTACH');
  const [policyId, setPolicyId] = useState('');
  const [targetId, setTargetId] = useState('');
  const [documentText, setDocumentText] = useState('');
  const policy = policies.find((p) => p.id === policyId);
  const target = targets.find((t) => t.id === targetId);

  // Choosing a policy to update starts from its current document.
  useEffect(() => {
    if (kind === 'UPDATE_CONTENT' && policy) setDocumentText(JSON.stringify(policy.content, null, 2));
  }, [kind, policy]);

  useEffect(() => {
    if (!policy) return onDraft(undefined);
    if (kind === 'UPDATE_CONTENT') {
      try {
        const content: unknown = JSON.parse(documentText);
        onDraft({ kind, policyId: policy.id, policyName: policy.name, content, expectedContentHash: policy.contentHash });
      } catch (error) {
        onDraft(`The document is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
      return undefined;
    }
    if (!target) return onDraft(undefined);
    onDraft({ kind, policyId: policy.id, policyName: policy.name, targetId: target.id, targetName: target.name });
    return undefined;
  }, [kind, policy, target, documentText, onDraft]);

  return (
    <div class="compose">
      <div class="field">
        <label for="change-kind">Change</label>
        <select id="change-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
          <option value="ATTACH">Attach</option>
          <option value="DETACH">Detach</option>
          <option value="UPDATE_CONTENT">Update document</option>
        </select>
      </div>
      <div class="field">
        <label for="change-policy">Policy</label>
        <select id="change-policy" value={policyId} onChange={(e) => setPolicyId(e.currentTarget.value)}>
          <option value="">Choose a policy</option>
          {policies.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.id})
            </option>
          ))}
        </select>
      </div>
      {kind !== 'UPDATE_CONTENT' ? (
        <div class="field">
          <label for="change-target">Target</label>
          <select id="change-target" value={targetId} onChange={(e) => setTargetId(e.currentTarget.value)}>
            <option value="">Choose a root, OU or account</option>
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.id})
              </option>
            ))}
          </select>
        </div>
      ) : (
        <div class="field wide">
          <label for="change-document">Policy document</label>
          <textarea id="change-document" rows={12} spellcheck={false} value={documentText} onInput={(e) => setDocumentText(e.currentTarget.value)} />
        </div>
      )}
    </div>
  );
}
