import { useState } from 'preact/hooks';
import { execute, GatewayError } from '../graphql/client';
import type { ConsoleVerifyChainQuery } from '../gql/graphql';
import { useSession } from '../session/session';
import { VerifyChainQuery } from './audit-query';

type Verdict = ConsoleVerifyChainQuery['verifyAuditChain'];

function summary(verdict: Verdict): string {
  if (verdict.brokenAt) return `Chain broken at sequence ${verdict.brokenAt.sequence}: ${verdict.brokenAt.reason}. ${verdict.brokenAt.message}`;
  if (verdict.checkpoints && !verdict.checkpoints.ok)
    return `Chain rows verified (${verdict.checkedRows} rows checked), but the signed checkpoints do not hold: ${verdict.checkpoints.problems.map((p) => p.reason).join(', ')}`;
  return `Chain verified: ${verdict.checkedRows} rows checked${verdict.checkpoints ? `, ${verdict.checkpoints.matched} signed checkpoints matched` : ''}.`;
}

/** Recomputes the hash chain over the whole log on demand (verifyAuditChain) and says what it found. */
export function VerifyChain() {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [verdict, setVerdict] = useState<Verdict | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const verify = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      setVerdict((await execute(VerifyChainQuery, {}, session.credential)).verifyAuditChain);
    } catch (error) {
      setFailure(error instanceof GatewayError ? `${error.message} (${error.code})` : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="stack">
      <button type="button" onClick={() => void verify()} disabled={busy}>
        Verify chain
      </button>
      <p role="status" class={verdict && !verdict.ok ? 'error' : undefined} data-testid="chain-verdict">
        {busy ? 'Verifying…' : failure ? `Could not verify: ${failure}` : verdict ? summary(verdict) : ''}
      </p>
      {verdict?.lastHash && (
        <p class="muted">
          Last hash <code class="hash">{verdict.lastHash}</code> (keep it elsewhere to detect a later rewrite of the whole chain).
        </p>
      )}
    </div>
  );
}
