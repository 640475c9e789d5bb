import { PolicyDiffView } from '../audit/policy-diff-view';
import type { ConsolePreviewPolicyChangeQuery } from '../gql/graphql';
import { Link } from '../router/link';
import { paths } from '../router/paths';

type Preview = ConsolePreviewPolicyChangeQuery['previewPolicyChange'];

/** previewPolicyChange's answer: each account whose effective policy would change, and how. */
export function ImpactTable({ preview }: { preview: Preview }) {
  return (
    <>
      {preview.diagnostics.length > 0 && (
        <ul role="alert" class="error">
          {preview.diagnostics.map((d, index) => (
            <li key={index}>
              {d.severity} {d.code} at <span class="mono">{d.path}</span>: {d.message}
            </li>
          ))}
        </ul>
      )}
      {preview.appliesInAllRegions && <p>An AI services opt-out setting applies in all AWS Regions at once.</p>}
      {preview.impacts.length === 0 ? (
        <p>No account's effective policy would change.</p>
      ) : (
        <div class="table-wrap">
          <table class="cards">
            <caption>Accounts affected</caption>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody>
              {preview.impacts.map((impact) => (
                <tr key={impact.account.id} data-account-id={impact.account.id}>
                  <td data-label="Account">
                    <Link href={paths.account(impact.account.id)}>{impact.account.name}</Link> <span class="node-id">{impact.account.id}</span>
                    {impact.deletesStoredContent && (
                      <p class="error" data-testid="deletes-content">
                        Deletes stored AI content: {impact.deletedContentServices.join(', ')}
                      </p>
                    )}
                    {impact.resumesContentUse.length > 0 && (
                      <p class="muted">Opts back in (content may be stored and used): {impact.resumesContentUse.join(', ')}</p>
                    )}
                  </td>
                  <td data-label="Changes">
                    <PolicyDiffView diff={impact.diff} label={`Effective policy changes of ${impact.account.name}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
